import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './station-fixture';
import { seedSession, type SeededSession } from './session-seed';
import {
  announcedSeconds, answerAndValidate, answerEvents, answerRightly, confirmAndStart, duplicates, expectMovedPast, expectResumeBlocked,
  liveStatus, measureCountdown, pairAndCheckIn, phaseOnScreen, questionOnScreen, shoot, stationQuestions, storedAnswers,
  type StationQuestion,
  note,
} from './proof-kiosk';

// Issue 8, Proof 1, in Chromium against one real station: three pupils at once, each page paired as its own kiosk
// (three browser contexts), sit complete tests covering the five challenge types, every challenge answered.
// - Léo Bernard has 30 % extra time (PUT …/extra-time before the start, R-SESS-3, R-VAL-6): the timed warning
//   announces 30 % more than for the pupils without, on the same challenge, and the countdown starts 30 % higher
//   and runs at the clock's pace (read on screen at two moments).
// - Zoé Petit loses focus on a focused challenge (a window `blur`, as kiosk-page.spec.ts dispatches it: Playwright
//   keeps every page focused): the event reaches the console API (…/events) with the challenge, the test is
//   suspended (R-VAL-5 policy: a focus loss during a focused challenge suspends), the invigilator lifts it
//   (« Autoriser la reprise », console API), she answers it rightly anyway and the stored status is `focusedOut`
//   (read in the station's SQLite file: the console API never shows a status).
// - Marie Dupont reloads mid-test: « Appelez le surveillant », blocked until the console authorises the resume,
//   then the test continues at the question she was on (R-SESS-5).
// In the end each pupil's answers are all in the station, once each (SQLite rows and the journal's answer events).

// No action or navigation waits forever: a stuck screen fails with its step.
test.use({ actionTimeout: 15_000, navigationTimeout: 30_000 });

const TYPES = ['QCM', 'QCU', 'QROC', 'QROCM-dep', 'QROCM-ind'];

interface Pupil { name: string; id: number; page: Page; questions: StationQuestion[] }
interface Sitting {
  /** challengeId → the seconds the timed warning announced. */
  announced: Map<string, number>;
  /** The first timed challenge's countdown, read on screen at two moments. */
  countdown: { challengeId: string; first: number; fell: number; wallSeconds: number } | null;
  focusLostOn: string | null;
  reloadedAt: number | null;
  answered: number;
}

async function sit(pupil: Pupil, session: SeededSession, role: { reloadAt?: number; loseFocus?: boolean; shots?: string }): Promise<Sitting> {
  const { page } = pupil;
  const sitting: Sitting = { announced: new Map(), countdown: null, focusLostOn: null, reloadedAt: null, answered: 0 };
  for (;;) {
    const phase = await phaseOnScreen(page);
    if (phase === 'ended') break;
    const { position, total } = await questionOnScreen(page);
    const challengeId = pupil.questions[position - 1]!.challengeId;

    if (role.reloadAt === position && sitting.reloadedAt === null) {
      // ---- A reload mid-test: blocked on « Appelez le surveillant » until the console authorises the resume.
      sitting.reloadedAt = position;
      await page.reload();
      await expectResumeBlocked(page, session, pupil.id);
      await expect(page.getByText('le surveillant doit autoriser la reprise', { exact: false })).toBeVisible();
      await shoot(page, 'three-pupils-reload-waiting');
      expect((await session.console('POST', `/candidates/${pupil.id}/authorise-resume`)).status).toBe(200);
      await expect(page).toHaveTitle(new RegExp(`^Question ${position} sur ${total}`), { timeout: 15_000 });
      continue;
    }
    if (phase === 'timed') {
      sitting.announced.set(challengeId, await announcedSeconds(page));
      if (role.shots && sitting.countdown === null) await shoot(page, `three-pupils-timed-warning-${role.shots}`);
      const begin = page.getByRole('button', { name: 'Commencer', exact: true });
      await begin.click();
      await expect(begin).toBeHidden(); // the warning gone before the phase is read again
      if (sitting.countdown === null) {
        await expect(page.getByRole('button', { name: 'Je valide' })).toBeVisible();
        sitting.countdown = { challengeId, ...await measureCountdown(page) };
        if (role.shots) await shoot(page, `three-pupils-countdown-${role.shots}`, { axe: true });
      }
      continue;
    }
    if (phase === 'focused') {
      const ready = page.getByRole('button', { name: 'Je suis prêt' });
      await ready.click();
      await expect(ready).toBeHidden();
      await expect(page.getByRole('button', { name: 'Je valide' })).toBeVisible();
      if (role.loseFocus && sitting.focusLostOn === null) {
        // ---- The window loses focus during the focused challenge.
        sitting.focusLostOn = challengeId;
        await page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
        await expect(page.getByRole('heading', { level: 1, name: 'Test suspendu — appelez le surveillant' })).toBeVisible({ timeout: 15_000 });
        await expect(page.getByText('Cause : la page du test a perdu le focus.')).toBeVisible();
        await shoot(page, 'three-pupils-suspended-focus-lost', { axe: true });
        await expect.poll(async () => {
          const events = await session.console('GET', '/events');
          return (events.json.lockdownEvents as { candidateId: number; kind: string; challengeId: string | null; policy: string }[])
            .filter((e) => e.candidateId === pupil.id && e.kind === 'focusLost').map((e) => `${e.challengeId} ${e.policy}`);
        }, { timeout: 15_000 }).toEqual([`${challengeId} suspend`]);
        expect(await liveStatus(session, pupil.id)).toBe('suspended');
        expect((await session.console('POST', `/candidates/${pupil.id}/authorise-resume`)).status).toBe(200);
        // Back on the same challenge, told the loss was recorded and to answer anyway.
        await expect(page).toHaveTitle(new RegExp(`^Question ${position} sur ${total}`), { timeout: 15_000 });
        await expect(page.getByRole('status').filter({ hasText: 'La sortie de la fenêtre a été enregistrée.' })).toBeVisible();
        await shoot(page, 'three-pupils-focus-lost-recorded', { axe: true });
        await answerRightly(page, challengeId);
        sitting.answered += 1;
        await expectMovedPast(page, position, total);
      }
      continue;
    }
    await answerAndValidate(page);
    sitting.answered += 1;
    await expectMovedPast(page, position, total);
  }
  return sitting;
}

test('three pupils at once: five types, all answered; 30 % extra time measured on screen; a focus loss stored as focusedOut; a reload resumed at the right question', async ({ browser, station }) => {
  test.setTimeout(240_000);
  const session = await seedSession(station);
  const dbFile = path.join(station.dataDir, 'centre.sqlite');
  const names = ['Dupont', 'Bernard', 'Petit'] as const;
  const ids = Object.fromEntries(names.map((n) => [n, session.candidates.get(n)!.id])) as Record<(typeof names)[number], number>;

  // ---- Léo's extra time, through the console API, before the start.
  const extra = await session.console('PUT', `/candidates/${ids.Bernard}/extra-time`, { extraTimePercent: 30 });
  expect(extra.status, JSON.stringify(extra.json)).toBe(200);

  const pageErrors: string[] = [];
  const pages = await Promise.all(names.map(async (name) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${name} : ${e.message}`));
    return page;
  }));
  try {
    // ---- Three kiosks paired, three pupils checked in and started, in parallel.
    await Promise.all(names.map((name, i) => pairAndCheckIn(pages[i]!, station.url, session, name, `Salle B12 — poste 1${i}`)));
    await Promise.all(names.map((name, i) => confirmAndStart(pages[i]!, session, ids[name])));
    const pupils: Pupil[] = await Promise.all(names.map(async (name, i) => ({ name, id: ids[name], page: pages[i]!, questions: await stationQuestions(session, ids[name]) })));
    for (const pupil of pupils) {
      // What the station delivered covers the five types, timed and focused challenges among them.
      expect([...new Set(pupil.questions.map((q) => q.type))].sort(), pupil.name).toEqual(TYPES);
      expect(pupil.questions.some((q) => q.timed) && pupil.questions.some((q) => q.focused), pupil.name).toBe(true);
    }

    const started = Date.now();
    const [marie, leo, zoe] = await Promise.all([
      sit(pupils[0]!, session, { reloadAt: 6 }),
      sit(pupils[1]!, session, { shots: 'extra-time' }),
      sit(pupils[2]!, session, { loseFocus: true, shots: 'no-extra-time' }),
    ]);
    note('durée des trois tests', `${Math.round((Date.now() - started) / 1000)} s`);

    // ---- Every challenge answered, on each kiosk.
    for (const [pupil, sitting] of [[pupils[0]!, marie], [pupils[1]!, leo], [pupils[2]!, zoe]] as const) {
      expect(sitting.answered, pupil.name).toBe(pupil.questions.length);
      await expect(pupil.page.getByRole('heading', { level: 1, name: 'Test terminé' })).toBeVisible();
    }
    expect(marie.reloadedAt).toBe(6);
    expect(zoe.focusLostOn).not.toBeNull();

    // ---- 30 % extra time: the same timed challenge announced 30 % longer; the countdown starts 30 % higher and runs at the clock's pace.
    const shared = [...leo.announced.keys()].filter((id) => zoe.announced.has(id) || marie.announced.has(id));
    expect(shared.length).toBeGreaterThan(0);
    for (const id of shared) {
      const without = zoe.announced.get(id) ?? marie.announced.get(id)!;
      expect(without, id).toBe(60);
      expect(leo.announced.get(id), id).toBe(Math.round(without * 1.3));
    }
    for (const sitting of [marie, zoe]) expect(sitting.countdown!.first).toBeGreaterThanOrEqual(58);
    const ratio = leo.countdown!.first / Math.max(marie.countdown!.first, zoe.countdown!.first);
    note('compte à rebours', `Léo ${JSON.stringify(leo.countdown)}, Zoé ${JSON.stringify(zoe.countdown)}, Marie ${JSON.stringify(marie.countdown)}, rapport ${ratio.toFixed(3)}`);
    expect(leo.countdown!.first).toBeGreaterThanOrEqual(76);
    expect(leo.countdown!.first).toBeLessThanOrEqual(78);
    expect(ratio).toBeGreaterThan(1.25);
    expect(ratio).toBeLessThan(1.36);
    for (const { fell, wallSeconds } of [leo.countdown!, zoe.countdown!, marie.countdown!]) {
      expect(Math.abs(fell - wallSeconds), 'le compte à rebours suit l’horloge').toBeLessThanOrEqual(1.5);
    }

    // ---- At the station: every answer once, the extended timer on Léo's, focusedOut on Zoé's focus loss.
    for (const pupil of pupils) {
      await expect.poll(() => storedAnswers(dbFile, pupil.id).length, { timeout: 20_000 }).toBe(pupil.questions.length);
      const stored = storedAnswers(dbFile, pupil.id);
      expect(duplicates(stored.map((a) => a.challengeId)), pupil.name).toEqual([]);
      expect(stored.map((a) => a.challengeId).sort(), pupil.name).toEqual(pupil.questions.map((q) => q.challengeId).sort());
      const journal = await answerEvents(session, pupil.id);
      expect(journal.sort(), `${pupil.name} : une entrée « answer » par réponse`).toEqual(pupil.questions.map((q) => q.challengeId).sort());
      expect((await stationQuestions(session, pupil.id)).every((q) => q.answered), pupil.name).toBe(true);
      expect(await liveStatus(session, pupil.id), pupil.name).toBe('completed');
      const timers = stored.filter((a) => a.timerSeconds !== null).map((a) => a.timerSeconds);
      expect(timers.length, pupil.name).toBeGreaterThan(0);
      expect(new Set(timers), pupil.name).toEqual(new Set([pupil.name === 'Bernard' ? 78 : 60]));
    }
    const zoeAnswers = storedAnswers(dbFile, ids.Petit);
    expect(zoeAnswers.find((a) => a.challengeId === zoe.focusLostOn)).toMatchObject({ status: 'focusedOut', focusLost: 1 });
    expect(zoeAnswers.filter((a) => a.status === 'focusedOut')).toHaveLength(1);
    for (const id of [ids.Dupont, ids.Bernard]) expect(storedAnswers(dbFile, id).filter((a) => a.status === 'focusedOut' || a.focusLost === 1)).toEqual([]);
    const kinds = (await session.console('GET', '/events')).json.events as { kind: string; candidateId: number | null }[];
    expect(kinds.filter((e) => e.kind === 'reEntry').map((e) => e.candidateId)).toEqual([ids.Dupont]);
    expect(kinds.filter((e) => e.kind === 'testSuspended').map((e) => e.candidateId)).toEqual([ids.Petit]);
    expect(pageErrors).toEqual([]);
  } finally {
    for (const page of pages) await page.context().close();
  }
});
