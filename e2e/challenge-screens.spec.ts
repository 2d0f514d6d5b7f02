import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from 'esbuild';
import { extendedTimer, validateAnswer } from '../shared/certification/validation';
import type { ValidationChallenge } from '../shared/formats/challenge';
import type { Challenge, ContentPackage } from '../shared/formats/content-package';
import type { KioskAsset, KioskChallenge } from '../shared/formats/kiosk-api';
import { instructionBlocks } from '../shared/formats/kiosk-instruction-markdown';
import { PAGE_CSP } from '../electron/centre/http/security-headers';
import { expect, saveScreenshot, test } from './station-fixture';

/**
 * Issue 8 §1, §4 — the challenge screens alone (renderer/kiosk/challenge/testing/challenge-harness.tsx, bundled
 * here with esbuild), in Debian's Chromium, under the station's page CSP plus the `frame-src https:` that embeds
 * need: each screen at 1366×768, 1920×1080 and 200 % zoom with no sideways scrolling and no serious axe violation
 * (contrast included, both themes); a sequence sat with the keyboard alone, focus on each new question's heading,
 * answers judged ok by the station's validator; the countdown of a timed challenge with 30 % extra time.
 * The whole test flow (IndexedDB, outbox, resume) is e2e'd by the flow's own specs.
 */

const ROOT = path.resolve(__dirname, '..');
const ORIGIN = 'https://kiosk.test';
const EMBED = 'https://embed.test/appli';
const CSP = `${PAGE_CSP}; frame-src https:`;
const content = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'content', 'content-package.json'), 'utf8')) as ContentPackage;
const EXTRA_TIME_PERCENT = 30;

function kioskAsset(id: string): KioskAsset {
  const found = content.assets.find((a) => a.id === id)!;
  return { id, fileName: found.fileName, mediaType: found.mediaType, sha256: found.sha256, url: `/api/kiosk/assets/${id}` };
}

function kioskChallenge(id: string, position: number): KioskChallenge {
  const c = content.challenges.find((x) => x.id === id);
  if (!c) throw new Error(`challenge ${id} absent des fixtures`);
  return {
    challengeId: c.id, position, type: c.type, instruction: instructionBlocks(c.instruction), proposals: c.proposals, format: c.format ?? 'mots', focused: c.focused ?? false,
    ...(c.alternativeInstruction ? { alternativeInstruction: c.alternativeInstruction } : {}),
    ...(c.illustration ? { illustration: { asset: kioskAsset(c.illustration.asset), alt: c.illustration.alt } } : {}),
    ...(c.attachment ? { attachment: { assets: c.attachment.assets.map(kioskAsset) } } : {}),
    ...(c.timer ? { timer: { seconds: extendedTimer(c.timer, EXTRA_TIME_PERCENT), baseSeconds: c.timer } } : {}),
  };
}

const codeChallenge = content.challenges.find((c) => c.instruction.includes('```') && c.locales.includes('fr'))!.id;
const DEMO_IDS = ['ch_installation4_1', 'ch_requete1_2', 'ch_arborescence3_1', 'ch_formule3_1', 'ch_requete6_1', codeChallenge];
const CHALLENGES: KioskChallenge[] = [
  ...DEMO_IDS.map((id, i) => kioskChallenge(id, i + 1)),
  {
    challengeId: 'synthetic_embed', position: DEMO_IDS.length + 1, type: 'QROC', format: 'paragraphe', focused: false,
    instruction: instructionBlocks('## Un tableau\n\n| Mois | Ventes |\n|---|---|\n| janvier | 1 200 |\n\nUn mot très long : anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement.'),
    alternativeInstruction: 'Un tableau de deux colonnes, mois et ventes : janvier, 1 200.',
    proposals: 'Explique ce que tu vois : ${texte}',
    embed: { url: EMBED, title: 'Simulateur de tableur', height: 300 },
  },
  {
    challengeId: 'synthetic_http_embed', position: DEMO_IDS.length + 2, type: 'QCU', format: 'mots', focused: false,
    instruction: instructionBlocks('Une question dont l’application n’est pas en https, et une illustration indisponible. Et du contenu hostile : <img src=x onerror="window.__pwned=1"> [clic](javascript:window.__pwned=1) <script>window.__pwned=1</script> <svg onload="window.__pwned=1"></svg>'),
    proposals: 'Oui\nNon',
    embed: { url: 'http://embed.test/appli', title: 'Appli', height: 300 },
    illustration: { asset: { id: 'absent', fileName: 'absent.svg', mediaType: 'image/svg+xml', sha256: '0'.repeat(64), url: '/x' }, alt: 'Absente' },
  },
];
const TOTAL = 32;
const assetData = Object.fromEntries(content.assets.map((a) => [a.id, { base64: a.base64, mediaType: a.mediaType }]));

let bundle: { js: string; css: string };
test.beforeAll(async () => {
  const result = await build({
    entryPoints: [path.join(ROOT, 'renderer', 'kiosk', 'challenge', 'testing', 'challenge-harness.tsx')],
    bundle: true, write: false, outdir: path.join(ROOT, '.tmp', 'challenge-harness'), format: 'esm', jsx: 'automatic',
    minify: true, define: { 'process.env.NODE_ENV': '"production"' }, loader: { '.css': 'css' }, logLevel: 'silent',
  });
  const file = (ext: string) => new TextDecoder().decode(result.outputFiles.find((f) => f.path.endsWith(ext))!.contents);
  bundle = { js: file('.js'), css: file('.css') };
});

async function open(browser: Browser, options: { width: number; height: number; scale?: number; challenges?: KioskChallenge[]; clock?: boolean }): Promise<{ context: BrowserContext; page: Page; problems: () => Promise<string[]> }> {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, deviceScaleFactor: options.scale ?? 1, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === ORIGIN && url.pathname === '/') {
      return route.fulfill({
        contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP },
        body: '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Passation</title><link rel="stylesheet" href="/harness.css"><script type="module" src="/harness.js"></script></head><body><main class="screen-main"><div id="root" class="kiosk-screen"></div></main></body></html>',
      });
    }
    if (url.origin === ORIGIN && url.pathname === '/harness.js') return route.fulfill({ contentType: 'text/javascript', body: bundle.js });
    if (url.origin === ORIGIN && url.pathname === '/harness.css') return route.fulfill({ contentType: 'text/css', body: bundle.css });
    if (url.href === EMBED) return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="fr"><title>Simulateur</title><p>Simulateur de tableur</p></html>' });
    return route.abort();
  });
  await page.addInitScript((input) => {
    (window as unknown as { __harness: unknown }).__harness = input;
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  }, { challenges: options.challenges ?? CHALLENGES, total: TOTAL, assetData });
  if (options.clock) await page.clock.install();
  await page.goto(`${ORIGIN}/`);
  const problems = async () => [...errors, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
  return { context, page, problems };
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks the screen on show, saves its screenshot, then leaves it (« Je passe », « Commencer » or « Je suis prêt »). */
async function checkAndLeave(page: Page, name: string, highContrast: boolean, withDialog: boolean): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeFocused();
  await page.waitForFunction(() => !document.body.textContent?.includes('Chargement de l’illustration'));
  const frame = page.locator('iframe');
  if (await frame.count()) await expect(frame.contentFrame().getByText('Simulateur de tableur')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name}: no sideways scrolling`).toBe(true);
  expect(await seriousAxeViolations(page), name).toEqual([]);
  expect(await page.locator('.challenge-instruction :is(a, img, script, svg, iframe, [style])').count(), `${name}: sanitised instruction`).toBe(0);
  if (highContrast) {
    await page.evaluate(() => { document.documentElement.dataset.theme = 'high-contrast'; });
    expect(await seriousAxeViolations(page), `${name} (high contrast)`).toEqual([]);
    await page.evaluate(() => { delete document.documentElement.dataset.theme; });
  }
  await saveScreenshot(page, name);
  if (withDialog) {
    // « Je valide » on an empty answer: the confirmation, checked and seen, then Escape back to the question.
    await page.getByRole('button', { name: 'Je valide' }).click();
    await expect(page.getByRole('button', { name: 'Revenir à la question' })).toBeFocused();
    expect(await seriousAxeViolations(page), `${name} (dialog)`).toEqual([]);
    await saveScreenshot(page, `${name}-confirm`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Je valide' })).toBeFocused();
  }
  const leave = page.getByRole('button', { name: /^(Je passe|Commencer|Je suis prêt)$/ });
  const before = (await heading.textContent()) ?? '';
  await leave.click();
  await expect(page.getByRole('heading', { level: 1, name: before, exact: true })).toHaveCount(0);
}

for (const size of [
  { label: '1366x768', width: 1366, height: 768 },
  { label: '1920x1080', width: 1920, height: 1080 },
  { label: '200pct', width: 683, height: 384, scale: 2 },
] as const) {
  test(`challenge screens at ${size.label}: no sideways scrolling, no serious axe violation, no CSP violation`, async ({ browser }) => {
    const { context, page, problems } = await open(browser, size);
    // Each challenge; the timed and the focused ones have their warning first.
    let screen = 0;
    while (await page.getByRole('heading', { level: 1 }).count()) {
      screen++;
      await checkAndLeave(page, `challenge-${size.label}-${String(screen).padStart(2, '0')}`, size.label === '1366x768', screen === 1);
      if (await page.getByTestId('harness-done').count()) break;
    }
    expect(screen).toBe(CHALLENGES.length + 2);
    // The hostile instruction ran nothing and left no link or image behind.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.getByTestId('harness-done')).toBeAttached();
    expect(await problems()).toEqual([]);
    await context.close();
  });
}

async function tabTo(page: Page, target: ReturnType<Page['getByRole']>): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('élément jamais atteint au clavier');
}

test('a sequence of every type sat with the keyboard alone: focus on each new heading, answers judged ok by the station', async ({ browser }) => {
  const ids = ['ch_installation4_1', 'ch_requete1_2', 'ch_arborescence3_1', 'ch_formule3_1', 'ch_requete6_1'];
  const challenges = ids.map((id, i) => kioskChallenge(id, i + 1));
  const { context, page, problems } = await open(browser, { width: 1366, height: 768, challenges });
  const solutions = new Map(content.challenges.map((c) => [c.id, c]));
  for (const kiosk of challenges) {
    const challenge = solutions.get(kiosk.challengeId)! as Challenge;
    if (kiosk.timer) {
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await tabTo(page, page.getByRole('button', { name: 'Commencer' }));
      await page.keyboard.press('Enter');
    } else if (kiosk.focused) {
      await tabTo(page, page.getByRole('button', { name: 'Je suis prêt' }));
      await page.keyboard.press('Enter');
    }
    const heading = page.getByRole('heading', { level: 1, name: `Question ${kiosk.position} sur ${TOTAL}` });
    await expect(heading).toBeFocused();
    switch (challenge.type) {
      case 'QCU': {
        const radios = page.getByRole('radio');
        await tabTo(page, radios.first());
        await page.keyboard.press('Space');
        for (let i = 1; i < Number(challenge.solution.choice); i++) await page.keyboard.press('ArrowDown');
        break;
      }
      case 'QCM':
        for (const choice of challenge.solution.choices) {
          await tabTo(page, page.getByRole('checkbox').nth(Number(choice) - 1));
          await page.keyboard.press('Space');
        }
        break;
      case 'QROC':
        await tabTo(page, page.getByRole('textbox'));
        await page.keyboard.type(challenge.solution.variants[0]!);
        break;
      case 'QROCM-ind': {
        const selects = page.getByRole('combobox');
        for (const [i, variants] of Object.values(challenge.solution.fields).entries()) {
          const select = selects.nth(i);
          await tabTo(page, select);
          const options = await select.locator('option').allTextContents();
          for (let k = 0; k < options.indexOf(variants[0]!); k++) await page.keyboard.press('ArrowDown');
        }
        break;
      }
      case 'QROCM-dep': {
        const boxes = page.getByRole('textbox');
        for (let i = 0; i < await boxes.count(); i++) {
          await tabTo(page, boxes.nth(i));
          await page.keyboard.type(challenge.solution.groups[i]![0]!);
        }
        break;
      }
    }
    await tabTo(page, page.getByRole('button', { name: 'Je valide' }));
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('harness-done')).toBeAttached();
  const answers = await page.evaluate(() => (window as unknown as { __answers: { challengeId: string; answer: never }[] }).__answers);
  expect(answers.map((a) => a.challengeId)).toEqual(ids);
  for (const { challengeId, answer } of answers) {
    expect(validateAnswer(solutions.get(challengeId) as ValidationChallenge, answer).status, challengeId).toBe('ok');
  }
  expect(await problems()).toEqual([]);
  await context.close();
});

test('a timed challenge with 30 % extra time: 78 s announced, counted down, and the answer still possible after time is up', async ({ browser }) => {
  const timed = kioskChallenge('ch_arborescence3_1', 1);
  expect(timed.timer).toEqual({ seconds: 78, baseSeconds: 60 });
  const { context, page, problems } = await open(browser, { width: 1366, height: 768, challenges: [timed], clock: true });
  await expect(page.getByText('Vous aurez 1 minute 18 secondes pour répondre à cette question.')).toBeVisible();
  await page.getByRole('button', { name: 'Commencer' }).click();
  const timer = page.getByRole('timer', { name: 'Temps restant' });
  await expect(timer).toContainText('01:18');
  const live = page.locator('[aria-live="polite"]');
  await expect(live).toHaveText('Il reste 1 minute 18 secondes.');
  await page.clock.runFor(18_000);
  await expect(timer).toContainText('01:00');
  await expect(live).toHaveText('Il reste 1 minute.');
  await page.clock.runFor(50_000);
  await expect(timer).toContainText('00:10');
  await expect(live).toHaveText('Il reste 10 secondes.');
  await page.clock.runFor(11_000);
  await expect(timer).toContainText('00:00');
  await expect(live).toHaveText('Le temps est écoulé : vous pouvez encore répondre.');
  await saveScreenshot(page, 'challenge-timed-time-up');
  await page.getByRole('combobox', { name: 'rapport.odt' }).selectOption('texte');
  await page.getByRole('button', { name: 'Je valide' }).click();
  await page.clock.runFor(100);
  await expect(page.getByTestId('harness-done')).toBeAttached();
  expect(await problems()).toEqual([]);
  await context.close();
});
