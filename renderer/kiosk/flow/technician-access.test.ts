import { describe, expect, it, vi } from 'vitest';
import type { KioskBridge, KioskShellStatus, TechnicianRefusal } from '../../../shared/formats/kiosk-bridge';
import { err, ok } from '../../../shared/result';
import { translate } from '../../ui/i18n/translate';
import { adminCodeToSend, diagnosticRows, refusalWording } from './technician-access';
import { createTechnicianStore } from './technician-store';

// Issue 8 §6 — the technician's admin page: what it shows from the shell's status and refusals, and its store
// driven against a fake bridge (the real one is the shell's preload, which needs Electron: electron/kiosk/).

const STATUS: KioskShellStatus = {
  shellVersion: '0.1.0', stationOrigin: 'https://192.168.1.10:8443', fullscreen: true,
  attestation: { active: true, buildHash: 'b'.repeat(64), configHash: 'c'.repeat(64) },
};
const fr = (w: ReturnType<typeof refusalWording>) => translate('fr', w.key, w.params);

describe('diagnosticRows', () => {
  it('says the version, the paired station, the attestation with its hashes, and full screen', () => {
    expect(diagnosticRows(STATUS).map((r) => [translate('fr', r.label), 'text' in r.value ? r.value.text : translate('fr', r.value.key)])).toEqual([
      ['Version de l’application', '0.1.0'],
      ['Poste du surveillant appairé', 'https://192.168.1.10:8443'],
      ['Attestation des requêtes', 'active'],
      ['Empreinte de l’application', 'b'.repeat(64)],
      ['Empreinte de la configuration', 'c'.repeat(64)],
      ['Plein écran', 'oui'],
    ]);
  });

  it('an inactive attestation shows no hashes; no full screen says « non »', () => {
    const rows = diagnosticRows({ ...STATUS, fullscreen: false, attestation: { ...STATUS.attestation, active: false } });
    expect(rows.map((r) => r.label)).toEqual(['technician.shellVersion', 'technician.station', 'technician.attestation', 'technician.fullscreen']);
    expect(rows.at(-1)!.value).toEqual({ key: 'technician.no' });
    expect(rows[2]!.value).toEqual({ key: 'technician.attestationInactive' });
  });
});

describe('refusalWording', () => {
  const refusal = (r: Partial<TechnicianRefusal> & { code: string }): TechnicianRefusal => ({ message: 'détail du poste', ...r });
  it('words each refusal in French, with the tries and minutes the shell counted', () => {
    expect(fr(refusalWording(refusal({ code: 'wrongAdminCode', remainingAttempts: 4 })))).toBe('Code administrateur incorrect : encore 4 essais avant le blocage.');
    expect(fr(refusalWording(refusal({ code: 'wrongAdminCode', remainingAttempts: 1 })))).toBe('Code administrateur incorrect : encore 1 essai avant le blocage.');
    expect(fr(refusalWording(refusal({ code: 'wrongAdminCode' })))).toBe('Code administrateur incorrect.');
    expect(fr(refusalWording(refusal({ code: 'technicianLocked', lockedMinutes: 5 })))).toBe('Trop d’essais : l’accès technicien est bloqué encore 5 min.');
    expect(fr(refusalWording(refusal({ code: 'technicianLocked' })))).toBe('Trop d’essais : l’accès technicien est bloqué pour quelques minutes.');
    expect(fr(refusalWording(refusal({ code: 'badRequest' })))).toBe('Saisissez le code administrateur.');
    expect(fr(refusalWording(refusal({ code: 'untrustedSender' })))).toBe('Demande refusée : elle ne vient pas de la page du poste du surveillant.');
    expect(fr(refusalWording(refusal({ code: 'deviceTokenNotRemoved', message: 'Jeton de poste non supprimé (EACCES) : /var/lib/t.' })))).toBe('Nouvel appairage impossible : Jeton de poste non supprimé (EACCES) : /var/lib/t.');
    expect(fr(refusalWording(refusal({ code: 'autreChose' })))).toBe('Refusé par l’application de la borne : détail du poste');
  });

  it('an empty code is not sent', () => {
    expect([adminCodeToSend(''), adminCodeToSend('   '), adminCodeToSend(' 12 ')]).toEqual([null, null, ' 12 ']);
  });
});

function fakeBridge() {
  return {
    status: vi.fn(async () => STATUS),
    requestTechnicianExit: vi.fn<KioskBridge['requestTechnicianExit']>(async (code) => (code === 'bon-code-42' ? ok({ exiting: true as const }) : err({ code: 'wrongAdminCode', message: 'x', remainingAttempts: 3 }))),
    requestRepairing: vi.fn<KioskBridge['requestRepairing']>(async (code) => (code === 'bon-code-42' ? ok({ relaunching: true as const }) : err({ code: 'technicianLocked', message: 'x', lockedMinutes: 4 }))),
  };
}

describe('the technician store', () => {
  it('opens with the shell status, closes cleanly', async () => {
    const bridge = fakeBridge();
    const store = createTechnicianStore(bridge);
    store.getState().show();
    expect(store.getState()).toMatchObject({ open: true, status: { kind: 'loading' } });
    await vi.waitFor(() => expect(store.getState().status).toEqual({ kind: 'known', value: STATUS }));
    store.getState().edit('1234');
    store.getState().close();
    expect(store.getState()).toMatchObject({ open: false, code: '' });
  });

  it('an unreadable status says so', async () => {
    const store = createTechnicianStore({ ...fakeBridge(), status: async () => { throw new Error('Appel refusé'); } });
    store.getState().show();
    await vi.waitFor(() => expect(store.getState().status).toEqual({ kind: 'unreadable' }));
  });

  it('does not send an empty code; sends a typed one and clears it; a refusal is worded', async () => {
    const bridge = fakeBridge();
    const store = createTechnicianStore(bridge);
    store.getState().show();
    await store.getState().quit();
    expect(bridge.requestTechnicianExit).not.toHaveBeenCalled();
    expect(store.getState().step).toEqual({ kind: 'refused', wording: { key: 'technician.codeMissing' } });
    store.getState().edit('faux');
    await store.getState().quit();
    expect(bridge.requestTechnicianExit).toHaveBeenCalledWith('faux');
    expect(store.getState()).toMatchObject({ code: '', step: { kind: 'refused', wording: { key: 'technician.wrongCodeTriesLeft', params: { remaining: 3 } } } });
    store.getState().edit('faux');
    await store.getState().repair();
    expect(store.getState().step).toEqual({ kind: 'refused', wording: { key: 'technician.locked', params: { minutes: 4 } } });
  });

  it('once accepted, nothing more is sent and the dialog stays (the shell quits or relaunches)', async () => {
    const bridge = fakeBridge();
    const store = createTechnicianStore(bridge);
    store.getState().show();
    store.getState().edit('bon-code-42');
    await store.getState().repair();
    expect(store.getState().step).toEqual({ kind: 'done', action: 'repairing' });
    store.getState().edit('bon-code-42');
    await store.getState().quit();
    store.getState().close();
    expect(bridge.requestTechnicianExit).not.toHaveBeenCalled();
    expect(store.getState().open).toBe(true);
  });

  it('a bridge that throws, or an older shell without the re-pairing, is a refusal, not a crash', async () => {
    const throwing = createTechnicianStore({ ...fakeBridge(), requestTechnicianExit: async () => { throw new Error('IPC fermé'); } });
    throwing.getState().show();
    throwing.getState().edit('bon-code-42');
    await throwing.getState().quit();
    expect(fr((throwing.getState().step as { wording: ReturnType<typeof refusalWording> }).wording)).toBe('Refusé par l’application de la borne : IPC fermé');
    const older = createTechnicianStore({ status: fakeBridge().status, requestTechnicianExit: fakeBridge().requestTechnicianExit } as never);
    older.getState().show();
    older.getState().edit('bon-code-42');
    await older.getState().repair();
    expect(older.getState().step).toEqual({ kind: 'refused', wording: { key: 'technician.repairUnavailable' } });
  });
});
