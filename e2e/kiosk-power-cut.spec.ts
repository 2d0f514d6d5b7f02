import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './station-fixture';
import { seedSession } from './session-seed';
import { launchPersistentBrowser } from './harness/persistent-browser';
import {
  answerAndValidate, answerEvents, confirmAndStart, controlledByServiceWorker, duplicates, expectMovedPast, expectResumeBlocked,
  checkIn, keptAnswers, onToChallenge, pair, phaseOnScreen, questionOnScreen, shoot, stationQuestions, storedAnswers,
  note,
} from './proof-kiosk';

// Issue 8, Proof 3, in Chromium on a persistent profile (e2e/harness/persistent-browser.ts) against a real station:
// the browser process is killed with SIGKILL mid-test (nothing flushed or closed: a power cut of the lab PC) and
// launched again on the same profile. No answer the screen had moved past is lost (R-VAL-4: kept in IndexedDB,
// strict, before the screen moves on): to make that bite, the last two answers before the cut are held back on
// their way to the station (their socket messages dropped, the HTTP fallback refused), so at the cut they exist
// only on this computer. After the relaunch: « Appelez le surveillant », the kept answers reach the station, the
// resume is authorised through the console API, and the test resumes at the first unanswered question (R-SESS-5).
// Each answer is in the station once (SQLite rows, the journal's `answer` events); the test is then finished.

test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

const ANSWERED_BEFORE_CUT = 4;
const HELD_BACK = 2;

/** Answers held back on their way to the station while `held.on`: socket `answer` messages dropped, HTTP refused. */
async function holdAnswers(page: Page, held: { on: boolean }): Promise<void> {
  await page.routeWebSocket(/\/api\/kiosk\/live$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (held.on && typeof message === 'string' && message.includes('"type":"answer"')) return;
      server.send(message);
    });
  });
  await page.route('**/api/kiosk/answers', (route) => (held.on ? route.abort('connectionrefused') : route.continue()));
}

test('the browser killed (SIGKILL) mid-test and relaunched on the same profile: no answer the screen moved past is lost; resumed after authorisation at the first unanswered question', async ({ station }) => {
  test.setTimeout(180_000);
  const session = await seedSession(station);
  const dbFile = path.join(station.dataDir, 'centre.sqlite');
  const pupil = session.candidates.get('Bernard')!;
  const profileRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'passation-e2e-power-cut-'));
  const browser = await launchPersistentBrowser(path.join(profileRoot, 'profile'));
  const pageErrors: string[] = [];
  try {
    // The lab PC was paired before the exam, and the browser closed since (a kiosk is paired once, not minutes before
    // the cut): a browser keeps new cookies in memory for up to ~30 s before writing them to the profile, so a cut
    // right after pairing would lose the device cookie and send the kiosk back to « Appairer ce poste » (README).
    let page = browser.context().pages()[0] ?? await browser.context().newPage();
    await pair(page, station.url, session, 'Salle B12 — poste 09');
    await controlledByServiceWorker(page);
    await browser.close();
    page = (await browser.relaunch()).pages()[0] ?? await browser.context().newPage();
    const held = { on: false };
    await holdAnswers(page, held);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${station.url}/kiosk/`);
    await checkIn(page, session, 'Bernard');
    await confirmAndStart(page, session, pupil.id);
    const questions = await stationQuestions(session, pupil.id);
    const total = questions.length;

    // ---- Four answers, the last two held back: the screen moves past each (kept in IndexedDB first).
    for (let position = 1; position <= ANSWERED_BEFORE_CUT; position++) {
      if (position === ANSWERED_BEFORE_CUT - HELD_BACK + 1) {
        await expect.poll(() => storedAnswers(dbFile, pupil.id).length).toBe(position - 1);
        held.on = true;
      }
      expect((await questionOnScreen(page)).position).toBe(position);
      await onToChallenge(page);
      await answerAndValidate(page, `avant la coupure ${position}`);
      await expectMovedPast(page, position, total);
    }
    const firstOpen = ANSWERED_BEFORE_CUT + 1;
    // On the next one the pupil has begun (warnings passed, a word typed, not validated): that one may be lost.
    await onToChallenge(page);
    const field = page.getByRole('main').getByRole('textbox').first();
    if (await field.count() > 0) await field.fill('pas encore validée');
    const keptAtCut = await keptAnswers(page);
    expect(keptAtCut.map((a) => a.challengeId)).toEqual(questions.slice(0, ANSWERED_BEFORE_CUT).map((q) => q.challengeId));
    expect(keptAtCut.filter((a) => a.state === 'pending')).toHaveLength(HELD_BACK);
    const atStationAtCut = storedAnswers(dbFile, pupil.id).length;
    expect(atStationAtCut, 'à la coupure, les deux dernières réponses ne sont que sur ce poste').toBe(ANSWERED_BEFORE_CUT - HELD_BACK);

    // ---- The power cut: SIGKILL to the browser process; then the same profile again.
    const pidBefore = browser.browserPid();
    const cutAt = Date.now();
    await browser.kill();
    const context = await browser.relaunch();
    note('coupure', `SIGKILL au navigateur ${pidBefore}, relancé en ${((Date.now() - cutAt) / 1000).toFixed(1)} s ; à la coupure : ${atStationAtCut} réponses au poste du surveillant, ${keptAtCut.length} sur ce poste`);
    expect(browser.browserPid()).not.toBe(pidBefore);
    page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${station.url}/kiosk/`);
    await expectResumeBlocked(page, session, pupil.id);
    await shoot(page, 'power-cut-relaunched-call-invigilator', { axe: true });
    // The held-back answers went first, with the old entry: all four at the station, once each, before the resume.
    await expect.poll(() => storedAnswers(dbFile, pupil.id).length, { timeout: 30_000 }).toBe(ANSWERED_BEFORE_CUT);
    expect((await keptAnswers(page)).map((a) => a.state)).toEqual(Array(ANSWERED_BEFORE_CUT).fill('sent'));

    expect((await session.console('POST', `/candidates/${pupil.id}/authorise-resume`)).status).toBe(200);
    await expect(page).toHaveTitle(new RegExp(`^Question ${firstOpen} sur ${total}`), { timeout: 15_000 });
    // The half-typed answer was never kept: the question starts afresh (whatever warning it has, then empty fields).
    await onToChallenge(page);
    const again = page.getByRole('main').getByRole('textbox').first();
    if (await again.count() > 0) await expect(again).toHaveValue('');
    await shoot(page, 'power-cut-resumed');

    // ---- The rest of the test, then every answer once at the station.
    for (;;) {
      if (await phaseOnScreen(page) === 'ended') break;
      const { position } = await questionOnScreen(page);
      await onToChallenge(page);
      await answerAndValidate(page);
      await expectMovedPast(page, position, total);
    }
    await expect.poll(() => storedAnswers(dbFile, pupil.id).length, { timeout: 20_000 }).toBe(total);
    const stored = storedAnswers(dbFile, pupil.id).map((a) => a.challengeId);
    expect(stored).toEqual(questions.map((q) => q.challengeId));
    expect(duplicates(stored)).toEqual([]);
    expect((await answerEvents(session, pupil.id)).sort()).toEqual(questions.map((q) => q.challengeId).sort());
    const reEntries = ((await session.console('GET', '/events?kind=reEntry')).json.events as { candidateId: number }[]).filter((e) => e.candidateId === pupil.id);
    expect(reEntries).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
    fs.rmSync(profileRoot, { recursive: true, force: true });
  }
});
