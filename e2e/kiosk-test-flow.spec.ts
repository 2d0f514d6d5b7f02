import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedSession, type SeededSession } from './session-seed';
import { answerAndValidate } from './kiosk-answering';
import { fillCheckIn, pairKiosk } from './kiosk-check-in';
import { expect, saveScreenshot, test } from './station-fixture';

// Issue 8 §1–3, the pupil's test flow in a real Chromium against a real station: a pupil checks in, is confirmed
// (console API), sits a whole test answering every challenge (timed warning « Commencer », focused warning « Je suis
// prêt », « Je valide » / « Je passe »), the page is reloaded mid-test: « Appelez le surveillant » at once, blocked
// until « Autoriser la reprise » through the console API, then the test continues at the right question; the
// answers are in the station (console API). Controls found only by role and accessible name (the challenge screens
// are another part's: their labels are the contract); axe-core on every screen, at 1366×768 and 1920×1080, each
// size screenshotted (reports/screenshots/kiosk-flow-<screen>-<size>.png) and without sideways scrolling.

const SIZES = [{ label: '1366x768', width: 1366, height: 768 }, { label: '1920x1080', width: 1920, height: 1080 }] as const;

/** The screen on show, at each size: axe-core clean, nothing scrolls sideways, a screenshot; back at 1366×768. */
async function expectAxeClean(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, `${name} ${size.label}`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} ${size.label}: no sideways scrolling`).toBe(true);
    await saveScreenshot(page, `kiosk-flow-${name}-${size.label}`);
  }
  await page.setViewportSize({ width: SIZES[0].width, height: SIZES[0].height });
}

async function pairAndCheckIn(page: Page, station: { url: string }, session: SeededSession, lastName: string): Promise<void> {
  await pairKiosk(page, station.url, session);
  await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeVisible();
  await fillCheckIn(page, session, lastName);
}

const QUESTION = /^Question (\d+) sur (\d+)/;

/** The question on screen, from the page title (« Question 3 sur 15 — épreuve chronométrée »). */
async function questionOnScreen(page: Page): Promise<{ position: number; total: number; title: string }> {
  await expect(page).toHaveTitle(QUESTION);
  const title = await page.title();
  const [, position, total] = QUESTION.exec(title)!;
  return { position: Number(position), total: Number(total), title };
}

test('a pupil sits a whole test; a reload mid-test waits for « Autoriser la reprise » and resumes at the right question', async ({ page, station, problems }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const session = await seedSession(station);
  const marie = session.candidates.get('Dupont')!;
  await pairAndCheckIn(page, station, session, 'Dupont');
  await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue, Marie Dupont' })).toBeVisible();
  expect((await session.console('POST', `/candidates/${marie.id}/confirm-presence`)).status).toBe(200);
  await page.getByRole('button', { name: 'Commencer mon test' }).click();

  const seenModes = new Set<string>();
  const shot = new Set<string>();
  const reloadAt = 6;
  let reloaded = false;
  let answered = 0;
  for (;;) {
    const ended = page.getByRole('heading', { level: 1, name: 'Test terminé' });
    if (await ended.isVisible()) break;
    const { position, total, title } = await questionOnScreen(page);
    expect(total).toBe(15);
    expect(title).not.toContain('Dupont');
    expect(title).not.toContain('Marie');

    if (position === reloadAt && !reloaded) {
      // ---- A reload mid-test (R-SESS-5): « appelez le surveillant » at once, from this computer.
      reloaded = true;
      await page.reload();
      const call = page.getByRole('heading', { level: 1, name: 'Appelez le surveillant' });
      await expect(call).toBeVisible();
      await expect(page).toHaveTitle('Appelez le surveillant');
      await expect(page.getByText('le surveillant doit autoriser la reprise', { exact: false })).toBeVisible();
      if (!shot.has('resume')) { shot.add('resume'); await expectAxeClean(page, 'resume'); }
      // Blocked: the re-entry is waiting on the console, and nothing moves without the invigilator.
      await expect.poll(async () => {
        const live = await session.console('GET', '/live');
        return (live.json.candidates as { candidateId: number; status: string }[]).find((c) => c.candidateId === marie.id)?.status;
      }).toBe('waitingForResume');
      await page.waitForTimeout(1500);
      await expect(call).toBeVisible();
      expect((await session.console('POST', `/candidates/${marie.id}/authorise-resume`)).status).toBe(200);
      // Resumed by itself (kiosk socket), at the question it was on: none answered is asked again.
      await expect(page).toHaveTitle(new RegExp(`^Question ${reloadAt} sur 15`));
      continue;
    }

    const begin = page.getByRole('button', { name: 'Commencer', exact: true });
    const ready = page.getByRole('button', { name: 'Je suis prêt' });
    const validate = page.getByRole('button', { name: 'Je valide' });
    await expect(begin.or(ready).or(validate)).toBeVisible();
    if (await begin.isVisible()) {
      seenModes.add('timed');
      expect(title).toContain('épreuve chronométrée');
      if (!shot.has('timed')) { shot.add('timed'); await expectAxeClean(page, 'timed-warning'); }
      await begin.click();
      // One click, then the screen it leads to: the warning stays a moment while the countdown's length is kept
      // (IndexedDB), and read again too soon it would look like a warning still to click (the click waited forever).
      await expect(begin).toBeHidden();
      continue;
    }
    if (await ready.isVisible()) {
      seenModes.add('focused');
      expect(title).toContain('mode focus');
      if (!shot.has('focused')) { shot.add('focused'); await expectAxeClean(page, 'focused-warning'); }
      await ready.click();
      await expect(ready).toBeHidden();
      continue;
    }
    if (!shot.has('challenge')) { shot.add('challenge'); await expectAxeClean(page, 'challenge'); }
    // Every other one skipped, the rest answered.
    if (position % 2 === 0) await page.getByRole('button', { name: 'Je passe' }).click();
    else await answerAndValidate(page);
    answered += 1;
    if (position < total) await expect(page).toHaveTitle(new RegExp(`^Question ${position + 1} sur 15`));
    else await expect(ended).toBeVisible();
  }
  expect(reloaded).toBe(true);
  expect(answered).toBe(15);
  expect([...seenModes].sort()).toEqual(['focused', 'timed']);
  await expect(page).toHaveTitle('Test terminé');
  await expectAxeClean(page, 'ended');

  // ---- The station has every answer, once each (console API), and the test is completed.
  await expect.poll(async () => {
    const questions = await session.console('GET', `/candidates/${marie.id}/questions`);
    return (questions.json.questions as { answered: boolean }[]).filter((q) => q.answered).length;
  }, { timeout: 15_000 }).toBe(15);
  await expect.poll(async () => {
    const live = await session.console('GET', '/live');
    return (live.json.candidates as { candidateId: number; status: string }[]).find((c) => c.candidateId === marie.id)?.status;
  }).toBe('completed');
  const events = await session.console('GET', '/events');
  const kinds = (events.json.events as { kind: string }[]).map((e) => e.kind);
  expect(kinds.filter((k) => k === 'answer')).toHaveLength(15);
  expect(kinds).toContain('reEntry');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the other screens: suspended with its cause, then ended by the invigilator (live, no reload)', async ({ page, station, problems }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const session = await seedSession(station);
  const zoe = session.candidates.get('Petit')!;
  await pairAndCheckIn(page, station, session, 'Petit');
  expect((await session.console('POST', `/candidates/${zoe.id}/confirm-presence`)).status).toBe(200);
  await page.getByRole('button', { name: 'Commencer mon test' }).click();
  await expect(page).toHaveTitle(/^Question 1 sur 15$/);

  // A signal that suspends (kiosk-lockdown §2: a display added), sent as the kiosk shell would send it.
  const suspended = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('passation-kiosk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const kept = await new Promise<{ entryToken: string }>((resolve, reject) => {
      const request = db.transaction('tests').objectStore('tests').getAll();
      request.onsuccess = () => resolve((request.result as { entryToken: string }[])[0]!);
      request.onerror = () => reject(request.error);
    });
    const response = await fetch('/api/kiosk/events', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-passation-entry': kept.entryToken },
      body: JSON.stringify({ kind: 'displayAdded', cause: 'HDMI-2', at: new Date().toISOString() }),
    });
    return (await response.json() as { policy: string }).policy;
  });
  expect(suspended).toBe('suspend');
  await expect(page.getByRole('heading', { level: 1, name: 'Test suspendu — appelez le surveillant' })).toBeVisible();
  await expect(page.getByText('Cause : un écran a été branché.')).toBeVisible();
  await expect(page.getByText('Détail transmis : « HDMI-2 ».')).toBeVisible();
  await expectAxeClean(page, 'suspended');

  expect((await session.console('POST', `/candidates/${zoe.id}/authorise-resume`)).status).toBe(200);
  await expect(page).toHaveTitle(/^Question 1 sur 15$/);
  await expect(page.getByRole('button', { name: 'Je valide' })).toBeVisible();

  expect((await session.console('POST', `/candidates/${zoe.id}/end-test`)).status).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Le surveillant a mis fin à votre test' })).toBeVisible();
  await expectAxeClean(page, 'ended-by-invigilator');
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the station away mid-test: the pupil goes on, a calm banner says the answers are kept here; they reach the station once it is back', async ({ page, station, problems }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // The link to the station, cut at will: the kiosk socket (through a relay), the answer route, the health check.
  let cut = false;
  const sockets: { close(options?: { code?: number; reason?: string }): Promise<void> }[] = [];
  await page.routeWebSocket(/\/api\/kiosk\/live$/, (ws) => {
    if (cut) {
      void ws.close({ code: 4000, reason: 'coupé' });
      return;
    }
    ws.connectToServer();
    sockets.push(ws);
  });
  for (const path of ['**/api/kiosk/answers', '**/api/health']) {
    await page.route(path, (route) => (cut ? route.abort('connectionrefused') : route.continue()));
  }
  const session = await seedSession(station);
  const leo = session.candidates.get('Bernard')!;
  await pairAndCheckIn(page, station, session, 'Bernard');
  expect((await session.console('POST', `/candidates/${leo.id}/confirm-presence`)).status).toBe(200);
  await page.getByRole('button', { name: 'Commencer mon test' }).click();
  await expect(page).toHaveTitle(/^Question 1 sur 15$/);
  await answerAndValidate(page);
  await expect(page).toHaveTitle(/^Question 2 sur 15/);

  const answeredAtStation = async () => {
    const questions = await session.console('GET', `/candidates/${leo.id}/questions`);
    return (questions.json.questions as { answered: boolean }[]).filter((q) => q.answered).length;
  };
  await expect.poll(answeredAtStation).toBe(1);

  // ---- Cut: the pupil answers questions 2 and 3 all the same (the test is all on this computer).
  cut = true;
  for (const ws of sockets.splice(0)) await ws.close({ code: 4000, reason: 'coupé' });
  await page.getByRole('button', { name: 'Commencer', exact: true }).click(); // question 2 is timed
  await page.getByRole('button', { name: 'Je passe' }).click();
  await expect(page).toHaveTitle(/^Question 3 sur 15/);
  await answerAndValidate(page);
  await expect(page).toHaveTitle(/^Question 4 sur 15/);
  const kept = page.getByRole('status').filter({ hasText: 'Vos réponses sont gardées sur cet ordinateur.' });
  await expect(kept).toBeVisible({ timeout: 15_000 });
  await expectAxeClean(page, 'answers-kept-here');
  expect(await answeredAtStation()).toBe(1);

  // ---- Back: the kept answers reach the station, once each; the banner goes.
  cut = false;
  await expect.poll(answeredAtStation, { timeout: 30_000 }).toBe(3);
  await expect(kept).toHaveCount(0, { timeout: 15_000 });
  const events = await session.console('GET', '/events');
  expect((events.json.events as { kind: string }[]).filter((e) => e.kind === 'answer')).toHaveLength(3);
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});
