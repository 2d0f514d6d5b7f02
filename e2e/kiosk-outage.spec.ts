import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './station-fixture';
import { portAccepts, startStationProcess } from './harness/station-process';
import {
  answerAndValidate, answerEvents, confirmAndStart, controlledByServiceWorker, duplicates, expectMovedPast, expectResumeBlocked,
  keptAnswers, onToChallenge, pairAndCheckIn, questionOnScreen, shoot, stationQuestions, storedAnswers,
  note,
} from './proof-kiosk';

// Issue 8, Proof 2, in Chromium against a real station in its own process (e2e/harness/): the station is killed
// with SIGKILL and stays down for a real 60 s while the pupil answers 5 challenges (R-VAL-4: each kept in
// IndexedDB before the screen moves on, « Vos réponses sont gardées sur cet ordinateur »); the page is reloaded
// during the outage: the service worker shows the kiosk again, « Appelez le surveillant » with the station banner,
// the answers still kept; the station restarts on the same folder and port: the kept answers go first (the old
// entry), then the re-entry waits for « Autoriser la reprise » (console API), then the test continues at the first
// unanswered question (R-SESS-5). The 5 answers are stored exactly once: rows in the station's SQLite file and the
// journal's `answer` events.

test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

const OUTAGE_MS = 60_000;
const ANSWERED_DURING_OUTAGE = 5;

test('the station killed for 60 s while a pupil answers 5 challenges, the page reloaded meanwhile: the 5 answers stored exactly once, the test resumed at the right question', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-outage-'));
  const station = await startStationProcess({ dataDir, seed: true });
  const session = station.session!;
  const dbFile = path.join(dataDir, 'centre.sqlite');
  const marie = session.candidates.get('Dupont')!;
  try {
    await pairAndCheckIn(page, station.url, session, 'Dupont', 'Salle B12 — poste 07');
    await controlledByServiceWorker(page);
    await confirmAndStart(page, session, marie.id);
    const questions = await stationQuestions(session, marie.id);
    const total = questions.length;

    // ---- Question 1 answered with the station up: stored.
    await onToChallenge(page);
    await answerAndValidate(page);
    await expectMovedPast(page, 1, total);
    await expect.poll(() => storedAnswers(dbFile, marie.id).length).toBe(1);

    // ---- SIGKILL: the station is gone, its port refuses connections.
    await station.kill();
    const killedAt = Date.now();
    expect(await portAccepts(station.port)).toBe(false);

    // ---- The pupil answers 5 challenges all the same (the whole test is on this computer).
    const during: string[] = [];
    for (let i = 0; i < ANSWERED_DURING_OUTAGE; i++) {
      const { position } = await questionOnScreen(page);
      await onToChallenge(page);
      await answerAndValidate(page, `hors ligne ${position}`);
      during.push(questions[position - 1]!.challengeId);
      await expectMovedPast(page, position, total);
    }
    const next = ANSWERED_DURING_OUTAGE + 2;
    await expect(page).toHaveTitle(new RegExp(`^Question ${next} sur ${total}`));
    const keptBanner = page.getByRole('status').filter({ hasText: 'Vos réponses sont gardées sur cet ordinateur.' });
    await expect(keptBanner).toBeVisible({ timeout: 15_000 });
    await shoot(page, 'outage-answers-kept-here');
    expect((await keptAnswers(page)).filter((a) => a.state === 'pending').map((a) => a.challengeId)).toEqual(during);

    // ---- The page reloaded during the outage: served by the service worker, « Appelez le surveillant », the answers still here.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: 'Appelez le surveillant' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Le poste du surveillant ne répond pas pour le moment.' })).toBeVisible({ timeout: 15_000 });
    // The kept-answers banner says they are kept, not « Continuez votre test » (the pupil cannot, here).
    await expect(page.getByRole('status').filter({ hasText: 'Vos réponses sont gardées sur cet ordinateur : elles partiront toutes seules' })).toBeVisible();
    await expect(page.getByText('Continuez votre test', { exact: false })).toHaveCount(0);
    await shoot(page, 'outage-reloaded-call-invigilator', { axe: true });
    expect((await keptAnswers(page)).filter((a) => a.state === 'pending').map((a) => a.challengeId)).toEqual(during);
    expect(storedAnswers(dbFile, marie.id)).toHaveLength(1);

    // ---- A real 60 s outage (the one fixed wait of the proof: the outage's length is what is proved).
    await page.waitForTimeout(Math.max(0, OUTAGE_MS - (Date.now() - killedAt)));
    expect(await portAccepts(station.port)).toBe(false);
    const outageSeconds = (Date.now() - killedAt) / 1000;
    await station.restart();
    note('panne', `${outageSeconds.toFixed(1)} s`);

    // ---- Back: the kept answers reach the station (the old entry), the re-entry waits for the invigilator.
    await expect.poll(() => storedAnswers(dbFile, marie.id).length, { timeout: 30_000 }).toBe(1 + ANSWERED_DURING_OUTAGE);
    await expectResumeBlocked(page, session, marie.id);
    await expect(page.getByRole('status').filter({ hasText: 'Le poste du surveillant ne répond pas pour le moment.' })).toHaveCount(0, { timeout: 15_000 });
    await shoot(page, 'outage-back-waiting-for-resume');
    expect((await session.console('POST', `/candidates/${marie.id}/authorise-resume`)).status).toBe(200);
    await expect(page).toHaveTitle(new RegExp(`^Question ${next} sur ${total}`), { timeout: 15_000 });
    await expect.poll(async () => (await keptAnswers(page)).every((a) => a.state === 'sent'), { timeout: 15_000 }).toBe(true);

    // ---- And it goes on: the next one is stored too.
    await onToChallenge(page);
    await answerAndValidate(page);
    await expectMovedPast(page, next, total);
    await expect.poll(() => storedAnswers(dbFile, marie.id).length, { timeout: 15_000 }).toBe(next);

    // ---- Exactly once each: the rows (one per challenge) and the journal's answer events (a replay appends none).
    const stored = storedAnswers(dbFile, marie.id);
    const expected = questions.slice(0, next).map((q) => q.challengeId);
    expect(stored.map((a) => a.challengeId)).toEqual(expected);
    expect(duplicates(stored.map((a) => a.challengeId))).toEqual([]);
    for (const id of during) expect(stored.filter((a) => a.challengeId === id), id).toHaveLength(1);
    const journal = await answerEvents(session, marie.id);
    expect(journal.sort()).toEqual([...expected].sort());
    expect(outageSeconds).toBeGreaterThanOrEqual(60);
    expect(await problems.cspViolations()).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
  } finally {
    await station.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
