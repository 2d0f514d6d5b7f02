import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { testContentPackage } from '../electron/centre/testing/test-packages';
import type { SeededSession } from './session-seed';
import { fillCheckIn, pairKiosk } from './kiosk-check-in';

/**
 * What the three browser proofs of issue 8 share (kiosk-three-pupils, kiosk-outage, kiosk-power-cut): a pupil
 * paired and checked in through the kiosk's labels, the question on screen read from the page title, the answers
 * the station stored read straight from its SQLite file, screenshots at the two sizes of the proof, axe-core.
 * Controls found by role and accessible name only.
 */

export const QUESTION = /^Question (\d+) sur (\d+)/;

/** Pairs this page as its own kiosk (a fresh code from the console API) and checks the pupil in. */
export async function pairAndCheckIn(page: Page, url: string, session: SeededSession, lastName: string, kioskName: string): Promise<void> {
  await pair(page, url, session, kioskName);
  await checkIn(page, session, lastName);
}

/** « Appairer ce poste » with a fresh code from the console API: resolves on « Identifiez-vous ». */
export async function pair(page: Page, url: string, session: SeededSession, kioskName: string): Promise<void> {
  await pairKiosk(page, url, session, kioskName);
  await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeVisible();
}

/** The check-in form filled in for the pupil: resolves on « Bienvenue, Prénom Nom ». */
export async function checkIn(page: Page, session: SeededSession, lastName: string): Promise<void> {
  const pupil = session.candidates.get(lastName)!.input;
  await expect(page.getByRole('heading', { level: 1, name: 'Identifiez-vous' })).toBeVisible();
  await fillCheckIn(page, session, lastName);
  await expect(page.getByRole('heading', { level: 1, name: `Bienvenue, ${pupil.firstName} ${pupil.lastName}` })).toBeVisible();
}

/** Presence confirmed through the console API, then « Commencer mon test »: resolves on question 1. */
export async function confirmAndStart(page: Page, session: SeededSession, candidateId: number): Promise<void> {
  expect((await session.console('POST', `/candidates/${candidateId}/confirm-presence`)).status).toBe(200);
  await page.getByRole('button', { name: 'Commencer mon test' }).click();
  await expect(page).toHaveTitle(/^Question 1 sur \d+/);
}

/** The question on screen, from the page title (« Question 3 sur 15 — épreuve chronométrée »). */
export async function questionOnScreen(page: Page): Promise<{ position: number; total: number; title: string }> {
  await expect(page).toHaveTitle(QUESTION);
  const title = await page.title();
  const [, position, total] = QUESTION.exec(title)!;
  return { position: Number(position), total: Number(total), title };
}

export interface StationQuestion { challengeId: string; position: number; type: string; answered: boolean; timed: boolean; focused: boolean }

/** The candidate's test as the station delivered it (console API, delivery order). */
export async function stationQuestions(session: SeededSession, candidateId: number): Promise<StationQuestion[]> {
  const answer = await session.console('GET', `/candidates/${candidateId}/questions`);
  expect(answer.status).toBe(200);
  return (answer.json.questions as StationQuestion[]).sort((a, b) => a.position - b.position);
}

export async function liveStatus(session: SeededSession, candidateId: number): Promise<string | undefined> {
  const live = await session.console('GET', '/live');
  return (live.json.candidates as { candidateId: number; status: string }[]).find((c) => c.candidateId === candidateId)?.status;
}

/** The « Appelez le surveillant » page of a re-entry, blocked until the console authorises the resume. */
export async function expectResumeBlocked(page: Page, session: SeededSession, candidateId: number): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Appelez le surveillant' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => liveStatus(session, candidateId), { timeout: 30_000 }).toBe('waitingForResume');
  await expect(page.getByRole('heading', { level: 1, name: 'Appelez le surveillant' })).toBeVisible();
}

/** One row per stored answer of the candidate, straight from the station's SQLite file (opened read-only). */
export interface StoredAnswer { challengeId: string; position: number; status: string; focusLost: number; timerSeconds: number | null }
export function storedAnswers(dbFile: string, candidateId: number): StoredAnswer[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT a.challenge_id AS challengeId, a.position, a.status, a.focus_lost AS focusLost, a.timer_seconds AS timerSeconds
      FROM answers a JOIN tests t ON t.id = a.test_id WHERE t.candidate_id = ? ORDER BY a.position`).all(candidateId) as StoredAnswer[];
  } finally {
    db.close();
  }
}

/** The `answer` events of the candidate in the session's journal (console API): one per answer stored. */
export async function answerEvents(session: SeededSession, candidateId: number): Promise<string[]> {
  const events = await session.console('GET', '/events?kind=answer');
  expect(events.status).toBe(200);
  return (events.json.events as { candidateId: number | null; payload: { challengeId?: string } }[])
    .filter((e) => e.candidateId === candidateId).map((e) => String(e.payload.challengeId));
}

/** No challenge twice: every id once. */
export function duplicates(ids: readonly string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Screenshots of the screen at 1366×768 and 1920×1080 (reports/screenshots/proof-<name>-WxH.png, gitignored), and,
 * with `axe`, axe-core on it (serious or critical = fail). The viewport goes back to 1366×768 after.
 */
export async function shoot(page: Page, name: string, options: { axe?: boolean } = {}): Promise<void> {
  if (options.axe) expect(await seriousAxeViolations(page), `axe-core : ${name}`).toEqual([]);
  for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
    await page.setViewportSize(size);
    const file = path.resolve(__dirname, '..', 'reports', 'screenshots', `proof-${name}-${size.width}x${size.height}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    await test.info().attach(path.basename(file), { path: file, contentType: 'image/png' });
  }
}

export { answerAndValidate } from './kiosk-answering';

/**
 * The RIGHT answer of a fixture challenge (electron/centre/testing/test-packages.ts), typed in its fields in the
 * order of its proposals: `focusedOut` is what an `ok` answer becomes after a focus loss (judge-answer.ts), so the
 * focus-loss proof needs a right answer. Only the text-field types are focused in the fixture.
 */
export async function answerRightly(page: Page, challengeId: string): Promise<void> {
  const challenge = testContentPackage().challenges.find((c) => c.id === challengeId)!;
  const main = page.getByRole('main');
  const fields = main.getByRole('textbox');
  let words: string[];
  if (challenge.type === 'QROCM-ind') {
    const solution = challenge.solution as { fields: Record<string, string[]> };
    words = [solution.fields.ville![0]!, solution.fields.pays![0]!];
  } else if (challenge.type === 'QROCM-dep') {
    words = (challenge.solution as { groups: string[][] }).groups.map((g) => g[0]!);
  } else if (challenge.type === 'QROC') {
    words = [(challenge.solution as { variants: string[] }).variants[0]!];
  } else {
    throw new Error(`réponse juste non prévue pour ${challenge.type}`);
  }
  await expect(fields).toHaveCount(words.length);
  for (const [i, word] of words.entries()) await fields.nth(i).fill(word);
  await main.getByRole('button', { name: 'Je valide' }).click();
}

/** The seconds on the visible countdown (« Temps restant 01:18 »). */
export async function countdownSeconds(page: Page): Promise<number> {
  const text = await page.getByRole('timer', { name: 'Temps restant' }).textContent();
  const match = /(\d+):(\d\d)/.exec(text ?? '');
  if (!match) throw new Error(`compte à rebours illisible : « ${text} »`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The duration the timed warning announces (« Vous aurez 1 minute 18 secondes pour répondre… »), in seconds. */
export async function announcedSeconds(page: Page): Promise<number> {
  const text = await page.getByText(/^Vous aurez .* pour répondre à cette question\.$/).textContent();
  const minutes = /(\d+) minutes?/.exec(text ?? '');
  const seconds = /(\d+) secondes?/.exec(text ?? '');
  if (!minutes && !seconds) throw new Error(`durée illisible : « ${text} »`);
  return Number(minutes?.[1] ?? 0) * 60 + Number(seconds?.[1] ?? 0);
}

/**
 * The countdown's actual run, read on the screen at two moments (no fixed sleep: waits until it has moved by
 * `drop` seconds): its first reading, how far it went down and the wall-clock time between the two readings.
 */
export async function measureCountdown(page: Page, drop = 3): Promise<{ first: number; fell: number; wallSeconds: number }> {
  const first = await countdownSeconds(page);
  const startedAt = Date.now();
  await expect.poll(() => countdownSeconds(page), { timeout: (drop + 5) * 1000, intervals: [100] }).toBeLessThanOrEqual(first - drop);
  const last = await countdownSeconds(page);
  return { first, fell: first - last, wallSeconds: (Date.now() - startedAt) / 1000 };
}

/** What the pupil sees between challenges: the warnings to get past, the challenge itself, or the end. */
export async function phaseOnScreen(page: Page): Promise<'timed' | 'focused' | 'challenge' | 'ended'> {
  const begin = page.getByRole('button', { name: 'Commencer', exact: true });
  const ready = page.getByRole('button', { name: 'Je suis prêt' });
  const validate = page.getByRole('button', { name: 'Je valide' });
  const ended = page.getByRole('heading', { level: 1, name: 'Test terminé' });
  await expect(begin.or(ready).or(validate).or(ended)).toBeVisible();
  if (await ended.isVisible()) return 'ended';
  if (await begin.isVisible()) return 'timed';
  if (await ready.isVisible()) return 'focused';
  return 'challenge';
}

/** Past the warnings of the question on screen (« Commencer », « Je suis prêt »), onto its challenge. */
export async function onToChallenge(page: Page): Promise<void> {
  for (;;) {
    const phase = await phaseOnScreen(page);
    if (phase === 'challenge' || phase === 'ended') return;
    const button = page.getByRole('button', { name: phase === 'timed' ? 'Commencer' : 'Je suis prêt', exact: true });
    await button.click();
    // Until React has painted the next phase, the warning is still on screen: read the phase again only after.
    await expect(button).toBeHidden();
  }
}

/** Waits until the title shows the next question (or the end page after the last). */
export async function expectMovedPast(page: Page, position: number, total: number): Promise<void> {
  if (position < total) await expect(page).toHaveTitle(new RegExp(`^Question ${position + 1} sur ${total}`));
  else await expect(page.getByRole('heading', { level: 1, name: 'Test terminé' })).toBeVisible();
}

/** The answers this kiosk keeps in IndexedDB (`passation-kiosk`, store `answers`): challenge and state, in keeping order. */
export function keptAnswers(page: Page): Promise<{ challengeId: string; state: string }[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('passation-kiosk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<{ challengeId: string; state: string }[]>((resolve, reject) => {
        const request = db.transaction('answers').objectStore('answers').getAll();
        request.onsuccess = () => resolve((request.result as { challengeId: string; state: { kind: string } }[]).map((a) => ({ challengeId: a.challengeId, state: a.state.kind })));
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}

/** Resolves once the kiosk's service worker controls the page (a reload during an outage is then served by it). */
export const controlledByServiceWorker = (page: Page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });

/** A figure of the proof: in the report's annotations and on the console (the list reporter prints it). */
export function note(type: string, description: string): void {
  test.info().annotations.push({ type, description });
  console.log(`${type} : ${description}`);
}
