import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, saveScreenshot, test } from './station-fixture';

// Issue 8 §6 — « Accès technicien » in a real Chromium, served by a real station. The shell's bridge is a stand-in
// defined before the page's scripts (the real one is the Electron preload: e2e/kiosk-shell.spec.ts, skipped
// where the binary is missing); it answers like the shell (five wrong codes lock) and records what it is asked.
// What only a real browser shows: the document keeps the focus while the dialog is open (no focus loss of the
// pupil's test), axe-core, the look at 1366×768, 1920×1080 and 200 % zoom.

async function installFakeShell(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const record = { exits: [] as string[], repairs: [] as string[], focusLost: 0, blurs: 0, hidden: 0 };
    let chord: (() => void) | null = null;
    let failures = 0;
    const check = (code: string, value: unknown) => {
      if (failures >= 5) return { ok: false, error: { code: 'technicianLocked', message: 'bloqué', lockedMinutes: 5 } };
      if (code === 'bon-code-42') return { ok: true, value };
      failures++;
      return failures >= 5
        ? { ok: false, error: { code: 'technicianLocked', message: 'bloqué', lockedMinutes: 5 } }
        : { ok: false, error: { code: 'wrongAdminCode', message: 'faux', remainingAttempts: 5 - failures } };
    };
    const w = window as unknown as Record<string, unknown>;
    w.__technician = record;
    w.__pressChord = () => chord?.();
    w.passationKiosk = {
      status: async () => ({ shellVersion: '0.1.0-e2e', stationOrigin: location.origin, fullscreen: true, attestation: { active: true, buildHash: 'b'.repeat(64), configHash: 'c'.repeat(64) } }),
      onLockdownEvent: () => () => {},
      acknowledgeLockdownEvents: () => {},
      openAttachment: async () => ({ ok: false, error: { code: 'noPermittedApplication', message: '' } }),
      onTechnicianChord: (listener: () => void) => { chord = listener; return () => { chord = null; }; },
      requestTechnicianExit: async (code: string) => { record.exits.push(code); return check(code, { exiting: true }); },
      requestRepairing: async (code: string) => { record.repairs.push(code); return check(code, { relaunching: true }); },
    };
    // The page's own focus signals, sampled as the in-page lockdown reads them (renderer/kiosk/lockdown/focus-monitor.ts).
    setInterval(() => { if (!document.hasFocus()) record.focusLost++; }, 50);
    window.addEventListener('blur', (event) => { if (event.target === window) record.blurs++; });
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') record.hidden++; });
  });
}

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __technician: { exits: string[]; repairs: string[]; focusLost: number; blurs: number; hidden: number } }).__technician);
const pressChord = (page: Page) => page.evaluate(() => (window as unknown as { __pressChord(): void }).__pressChord());

async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} : ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the technician opens « Accès technicien » by the chord, is refused, locked, and the pupil\'s page never loses focus', async ({ page, station, problems }) => {
  await installFakeShell(page);
  await page.goto(`${station.url}/kiosk/`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeFocused();
  // In the shell: no demo banner.
  await expect(page.getByText('Mode démonstration', { exact: false })).toHaveCount(0);

  await pressChord(page);
  const dialog = page.getByRole('dialog', { name: 'Accès technicien' });
  await expect(dialog).toBeVisible();
  const code = dialog.getByLabel('Code administrateur');
  await expect(code).toBeFocused();
  await expect(dialog.getByRole('region', { name: 'État du poste' })).toContainText('0.1.0-e2e');
  await expect(dialog.getByRole('region', { name: 'État du poste' })).toContainText(station.url);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'kiosk-technician-1366x768');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await saveScreenshot(page, 'kiosk-technician-1920x1080');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(() => { document.documentElement.style.zoom = '2'; });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'à 200 %').toBe(true);
  await saveScreenshot(page, 'kiosk-technician-200pct');
  await page.evaluate(() => { document.documentElement.style.zoom = ''; });

  // The keyboard alone: a wrong code, Enter (« Quitter le poste »), the refusal in French.
  await code.fill('pas-le-bon');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Code administrateur incorrect : encore 4 essais avant le blocage.');
  await expect(code).toHaveValue('');
  await saveScreenshot(page, 'kiosk-technician-refused-1366x768');
  for (let i = 0; i < 4; i++) {
    await code.fill(`faux-${i}`);
    await dialog.getByRole('button', { name: i % 2 ? 'Quitter le poste' : 'Appairer de nouveau' }).click();
  }
  await expect(dialog.getByRole('alert')).toHaveText('Trop d’essais : l’accès technicien est bloqué encore 5 min.');
  expect(await seriousAxeViolations(page)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(heading).toBeFocused();
  const seen = await recorded(page);
  expect(seen.exits).toEqual(['pas-le-bon', 'faux-1', 'faux-3']);
  expect(seen.repairs).toEqual(['faux-0', 'faux-2']);
  expect([seen.focusLost, seen.blurs, seen.hidden]).toEqual([0, 0, 0]);
  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

test('the right code: « Appairer de nouveau » says the kiosk restarts on its pairing page; nothing more can be pressed', async ({ page, station }) => {
  await installFakeShell(page);
  await page.goto(`${station.url}/kiosk/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await pressChord(page);
  const dialog = page.getByRole('dialog', { name: 'Accès technicien' });
  await dialog.getByLabel('Code administrateur').fill('bon-code-42');
  await dialog.getByRole('button', { name: 'Appairer de nouveau' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Code accepté : le poste redémarre sur la page d’appairage.');
  for (const name of ['Quitter le poste', 'Appairer de nouveau', 'Fermer']) await expect(dialog.getByRole('button', { name })).toBeDisabled();
  expect((await recorded(page)).repairs).toEqual(['bon-code-42']);
});
