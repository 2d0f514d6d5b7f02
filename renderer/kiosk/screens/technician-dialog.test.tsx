import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskBridge, KioskShellStatus } from '../../../shared/formats/kiosk-bridge';
import { err, ok } from '../../../shared/result';
import { localeStore } from '../../ui/i18n/locale-store';
import type { StationStatusState } from '../../ui/station/station-status-store';
import type { LinkState } from '../flow/connectivity';
import type { KioskFlowState } from '../flow/kiosk-flow-store';
import { createTechnicianStore } from '../flow/technician-store';
import { watchFocus } from '../lockdown/focus-monitor';
import { KioskApp, type KioskStores } from './kiosk-app';

// Issue 8 §6 — « Accès technicien » in jsdom, found by role and accessible name, over the kiosk page as
// main.tsx wires it. The bridge is a fake with the shell's answers (the real one is the preload: it needs Electron).

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const STATUS: KioskShellStatus = {
  shellVersion: '0.1.0', stationOrigin: 'https://192.168.1.10:8443', fullscreen: true,
  attestation: { active: true, buildHash: 'b'.repeat(64), configHash: 'c'.repeat(64) },
};

/** The shell's side as the page sees it: the chord, and the code checked with a lockout after five failures. */
function fakeShell() {
  const chord = new Set<() => void>();
  let failures = 0;
  const check = <T,>(code: string, value: T) => {
    if (failures >= 5) return err({ code: 'technicianLocked', message: 'bloqué', lockedMinutes: 5 });
    if (code === 'bon-code-42') return ok(value);
    failures++;
    return failures >= 5 ? err({ code: 'technicianLocked', message: 'bloqué', lockedMinutes: 5 }) : err({ code: 'wrongAdminCode', message: 'faux', remainingAttempts: 5 - failures });
  };
  const bridge = {
    status: vi.fn(async () => STATUS),
    onTechnicianChord: (listener: () => void) => { chord.add(listener); return () => chord.delete(listener); },
    requestTechnicianExit: vi.fn<KioskBridge['requestTechnicianExit']>(async (code) => check(code, { exiting: true as const })),
    requestRepairing: vi.fn<KioskBridge['requestRepairing']>(async (code) => check(code, { relaunching: true as const })),
  };
  return { bridge, pressChord: () => act(async () => { for (const l of chord) l(); }) };
}

function showKiosk() {
  const shell = fakeShell();
  const technician = createTechnicianStore(shell.bridge);
  shell.bridge.onTechnicianChord(() => technician.getState().show());
  const stores: KioskStores = {
    flow: createStore(() => ({ screen: { name: 'instructions', starting: false, problem: null }, start: vi.fn(), outbox: null })) as unknown as StoreApi<KioskFlowState>,
    assets: () => null,
    pairing: createStore(() => ({})) as never,
    checkIn: createStore(() => ({})) as never,
    station: createStore<StationStatusState>(() => ({ status: { kind: 'reachable', checkedAt: new Date() } }) as never),
    link: createStore<LinkState>(() => ({ live: null, wasOpen: false })),
    outsideShell: false,
    technician,
  };
  const view = render(<KioskApp stores={stores} />);
  return { ...view, ...shell, technician };
}

async function seriousViolations(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

const dialog = () => screen.getByRole('dialog', { name: 'Accès technicien' });
const codeField = () => within(dialog()).getByLabelText('Code administrateur');

beforeEach(() => { localeStore.getState().setLocale('fr'); });
afterEach(() => { cleanup(); });

describe('« Accès technicien »', () => {
  it('is not there until the shell reports the chord; then a modal dialog over the page, focus on the admin code', async () => {
    const kiosk = showKiosk();
    expect(screen.queryByRole('dialog')).toBeNull();
    const start = screen.getByRole('button', { name: 'Commencer mon test' });
    start.focus();
    await kiosk.pressChord();
    expect(dialog().getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(codeField());
    expect((codeField() as HTMLInputElement).type).toBe('password');
    // The pupil's page behind is inert while it is open.
    expect(start.closest('[inert]')).not.toBeNull();
    expect(dialog().closest('[inert]')).toBeNull();
    expect(['Quitter le poste', 'Appairer de nouveau', 'Fermer'].map((name) => within(dialog()).getByRole('button', { name }).tagName)).toEqual(['BUTTON', 'BUTTON', 'BUTTON']);
  });

  it('shows the diagnostics from status(): version, attestation and its hashes, paired station, full screen', async () => {
    const kiosk = showKiosk();
    await kiosk.pressChord();
    const diagnostics = within(dialog()).getByRole('region', { name: 'État du poste' });
    await within(diagnostics).findByText('0.1.0');
    const terms = within(diagnostics).getAllByRole('term').map((e) => e.textContent);
    const values = within(diagnostics).getAllByRole('definition').map((e) => e.textContent);
    expect(terms).toEqual(['Version de l’application', 'Poste du surveillant appairé', 'Attestation des requêtes', 'Empreinte de l’application', 'Empreinte de la configuration', 'Plein écran']);
    expect(values).toEqual(['0.1.0', 'https://192.168.1.10:8443', 'active', 'b'.repeat(64), 'c'.repeat(64), 'oui']);
    expect(kiosk.bridge.status).toHaveBeenCalledTimes(1);
    expect(await seriousViolations(document.body)).toEqual([]);
  });

  it('« Quitter le poste »: an empty code is not sent; a wrong one is refused in French (tries left), the field emptied; then the lockout', async () => {
    const user = userEvent.setup();
    const kiosk = showKiosk();
    await kiosk.pressChord();
    await user.click(within(dialog()).getByRole('button', { name: 'Quitter le poste' }));
    expect(kiosk.bridge.requestTechnicianExit).not.toHaveBeenCalled();
    expect(within(dialog()).getByRole('alert').textContent).toBe('Saisissez le code administrateur.');
    await user.type(codeField(), '0000');
    await user.keyboard('{Enter}');
    expect(kiosk.bridge.requestTechnicianExit).toHaveBeenCalledWith('0000');
    expect(within(dialog()).getByRole('alert').textContent).toBe('Code administrateur incorrect : encore 4 essais avant le blocage.');
    expect((codeField() as HTMLInputElement).value).toBe('');
    expect(codeField().getAttribute('aria-invalid')).toBe('true');
    for (let i = 0; i < 4; i++) {
      await user.type(codeField(), `faux${i}`);
      await user.click(within(dialog()).getByRole('button', { name: i % 2 ? 'Appairer de nouveau' : 'Quitter le poste' }));
    }
    expect(within(dialog()).getByRole('alert').textContent).toBe('Trop d’essais : l’accès technicien est bloqué encore 5 min.');
    expect(await seriousViolations(document.body)).toEqual([]);
  });

  it('the right code: « Quitter le poste » says the kiosk closes, and nothing can be pressed again', async () => {
    const user = userEvent.setup();
    const kiosk = showKiosk();
    await kiosk.pressChord();
    await user.type(codeField(), 'bon-code-42');
    await user.click(within(dialog()).getByRole('button', { name: 'Quitter le poste' }));
    expect(kiosk.bridge.requestTechnicianExit).toHaveBeenCalledWith('bon-code-42');
    expect(within(dialog()).getByRole('status').textContent).toBe('Code accepté : le poste se ferme dans quelques secondes.');
    for (const name of ['Quitter le poste', 'Appairer de nouveau', 'Fermer']) expect((within(dialog()).getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('« Appairer de nouveau » with the right code: the shell relaunches into its pairing page', async () => {
    const user = userEvent.setup();
    const kiosk = showKiosk();
    await kiosk.pressChord();
    await user.type(codeField(), 'bon-code-42');
    await user.click(within(dialog()).getByRole('button', { name: 'Appairer de nouveau' }));
    expect(kiosk.bridge.requestRepairing).toHaveBeenCalledWith('bon-code-42');
    expect(kiosk.bridge.requestTechnicianExit).not.toHaveBeenCalled();
    expect(within(dialog()).getByRole('status').textContent).toBe('Code accepté : le poste redémarre sur la page d’appairage.');
  });

  it('« Fermer » and Escape close it and give focus back; opening, typing and closing are no focus loss of the page', async () => {
    const user = userEvent.setup();
    const kiosk = showKiosk();
    const changes: unknown[] = [];
    const stop = watchFocus(window, (change) => changes.push(change), 20);
    const start = screen.getByRole('button', { name: 'Commencer mon test' });
    start.focus();
    await kiosk.pressChord();
    await user.type(codeField(), '12');
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    // Tab stays inside the dialog.
    expect(dialog().contains(document.activeElement)).toBe(true);
    await user.click(within(dialog()).getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(start);
    expect(start.closest('[inert]')).toBeNull();
    await kiosk.pressChord();
    expect((codeField() as HTMLInputElement).value).toBe('');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(start);
    await new Promise((resolve) => setTimeout(resolve, 80));
    stop();
    expect(changes).toEqual([]);
    expect(kiosk.bridge.requestTechnicianExit).not.toHaveBeenCalled();
  });

  it('in English when the page is', async () => {
    // English's words are a chunk of their own, loaded on demand: the switch happens once they are in.
    localeStore.getState().setLocale('en');
    await vi.waitFor(() => expect(localeStore.getState().locale).toBe('en'), { timeout: 5000 });
    const kiosk = showKiosk();
    await kiosk.pressChord();
    expect(screen.getByRole('dialog', { name: 'Technician access' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Pair again' })).toBeTruthy();
  });
});
