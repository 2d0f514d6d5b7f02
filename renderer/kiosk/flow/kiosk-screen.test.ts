import { describe, expect, it } from 'vitest';
import { KIOSK_STATES } from '../../../shared/formats/kiosk-api';
import { outsideKioskShell, nextLinkState, stationUnreachable } from './connectivity';
import { screenForPairingCheck, screenForState, startProblem, titleKeyOf, type KioskScreen } from './kiosk-screen';
import { readPairing } from './pairing-store';

const marie = { lastName: 'Dupont', firstName: 'Marie' };

describe('screenForState', () => {
  it('waiting for presence, then the instructions once it is confirmed', () => {
    expect(screenForState(marie, 'waitingForPresence', { name: 'checkIn' })).toEqual({ name: 'waiting', candidate: marie });
    expect(screenForState(marie, 'readyToStart', { name: 'waiting', candidate: marie })).toEqual({ name: 'instructions', candidate: marie, starting: false, problem: null });
  });

  it('a second read of the same state keeps what is on screen (a start under way, its problem)', () => {
    const starting: KioskScreen = { name: 'instructions', candidate: marie, starting: true, problem: null };
    expect(screenForState(marie, 'readyToStart', starting)).toBe(starting);
    const started: KioskScreen = { name: 'testStarting', candidate: marie, total: 15 };
    expect(screenForState(marie, 'inTest', started)).toBe(started);
  });

  it('every other state goes to the screen that says to call the invigilator, naming the state', () => {
    for (const state of KIOSK_STATES.filter((s) => s !== 'waitingForPresence' && s !== 'readyToStart')) {
      expect(screenForState(marie, state, { name: 'waiting', candidate: marie }), state).toEqual({ name: 'later', candidate: marie, state });
    }
  });
});

describe('screenForPairingCheck', () => {
  it('paired → check-in; refused (no, revoked or expired device token) → pairing; no answer → try again', () => {
    expect(screenForPairingCheck({ ok: true })).toEqual({ name: 'checkIn' });
    for (const code of ['unauthenticated', 'kioskRevoked', 'kioskExpired']) {
      expect(screenForPairingCheck({ ok: false, error: { kind: 'refused', status: 401, error: { code, message: 'm' } } })).toEqual({ name: 'pairing' });
    }
    expect(screenForPairingCheck({ ok: false, error: { kind: 'network', message: 'down' } })).toBeNull();
    expect(screenForPairingCheck({ ok: false, error: { kind: 'timeout', afterMs: 1 } })).toBeNull();
  });
});

describe('startProblem and titleKeyOf', () => {
  it('a refused start is worded by its code', () => {
    expect(startProblem({ kind: 'refused', status: 403, error: { code: 'notAuthorised', message: 'm' } })).toBe('error.notAuthorised');
    expect(startProblem({ kind: 'refused', status: 409, error: { code: 'neverHeardOf', message: 'm' } })).toBe('error.unknown');
    expect(startProblem({ kind: 'network', message: 'x' })).toBe('client.network');
  });

  it('the page title never carries the pupil’s name', () => {
    expect(titleKeyOf({ name: 'waiting', candidate: marie })).toBe('kiosk.title');
    expect(titleKeyOf({ name: 'pairing' })).toBe('pairing.heading');
  });
});

describe('readPairing', () => {
  it('a name and exactly 6 digits (spaces dropped)', () => {
    expect(readPairing({ name: ' Poste 7 ', code: '184 838' })).toEqual({ ok: true, value: { name: 'Poste 7', code: '184838' } });
    expect(readPairing({ name: '', code: '12345' })).toEqual({ ok: false, error: [
      { field: 'name', key: 'pairing.nameMissing' }, { field: 'code', key: 'pairing.codeInvalid' }] });
    expect(readPairing({ name: 'P', code: '1234567' }).ok).toBe(false);
    expect(readPairing({ name: 'P', code: '12a456' }).ok).toBe(false);
  });
});

describe('the banners', () => {
  it('unreachable when the health check fails, or when the socket that was open is retrying', () => {
    const reachable = { kind: 'reachable', checkedAt: 1 } as const;
    const retrying = { kind: 'retrying', attempt: 1, nextAttemptAt: 5, closeCode: 1006 } as const;
    expect(stationUnreachable({ kind: 'unreachable', checkedAt: 1, reason: 'network' }, null, false)).toBe(true);
    expect(stationUnreachable(reachable, null, false)).toBe(false);
    expect(stationUnreachable(reachable, retrying, false)).toBe(false); // never open yet: says nothing
    expect(stationUnreachable(reachable, retrying, true)).toBe(true);
    expect(stationUnreachable(reachable, { kind: 'open', since: 1 }, true)).toBe(false);
  });

  it('the link remembers it was open', () => {
    const opened = nextLinkState({ live: null, wasOpen: false }, { kind: 'open', since: 1 });
    expect(opened.wasOpen).toBe(true);
    expect(nextLinkState(opened, { kind: 'retrying', attempt: 1, nextAttemptAt: 2, closeCode: null })).toMatchObject({ wasOpen: true });
    expect(nextLinkState({ live: null, wasOpen: false }, { kind: 'connecting', attempt: 0 }).wasOpen).toBe(false);
  });

  it('outside the kiosk shell exactly when its bridge is absent', () => {
    expect(outsideKioskShell({}, 'passationKiosk')).toBe(true);
    expect(outsideKioskShell({ passationKiosk: {} }, 'passationKiosk')).toBe(false);
  });
});
