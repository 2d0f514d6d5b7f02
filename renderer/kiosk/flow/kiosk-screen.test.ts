import { describe, expect, it } from 'vitest';
import { KIOSK_STATES } from '../../../shared/formats/kiosk-api';
import { outsideKioskShell, nextLinkState, stationUnreachable } from './connectivity';
import { screenForPairingCheck, screenForState, startProblem, titleOf, type KioskScreen } from './kiosk-screen';
import { readPairing } from './pairing-store';
import { translate } from '../../ui/i18n/translate';

const marie = { lastName: 'Dupont', firstName: 'Marie' };

describe('screenForState', () => {
  const held = { held: true, allAnswered: false };
  it('waiting for presence, then the instructions once it is confirmed', () => {
    expect(screenForState(marie, 'waitingForPresence', { name: 'checkIn' })).toEqual({ name: 'waiting', candidate: marie });
    expect(screenForState(marie, 'readyToStart', { name: 'waiting', candidate: marie })).toEqual({ name: 'instructions', candidate: marie, starting: false, problem: null });
  });

  it('a second read of the same state keeps what is on screen (a start under way, its problem; the test)', () => {
    const starting: KioskScreen = { name: 'instructions', candidate: marie, starting: true, problem: null };
    expect(screenForState(marie, 'readyToStart', starting)).toBe(starting);
    const onTest: KioskScreen = { name: 'test', candidate: marie };
    expect(screenForState(marie, 'inTest', onTest, held)).toBe(onTest);
    const resuming: KioskScreen = { name: 'resume', candidate: marie, step: 'resuming' };
    expect(screenForState(marie, 'readyToResume', resuming)).toBe(resuming);
  });

  it('R-SESS-5 — after any re-entry « appelez le surveillant » until the resume is authorised, then the test resumes', () => {
    expect(screenForState(marie, 'waitingForResume', { name: 'resume', candidate: marie, step: 'reEntering' })).toEqual({ name: 'resume', candidate: marie, step: 'waitingForResume' });
    expect(screenForState(marie, 'readyToResume', { name: 'resume', candidate: marie, step: 'waitingForResume' })).toEqual({ name: 'resume', candidate: marie, step: 'resuming' });
    expect(screenForState(marie, 'inTest', { name: 'resume', candidate: marie, step: 'resuming' }, held)).toEqual({ name: 'test', candidate: marie });
    // A test this page does not hold (started by an entry whose page is gone): only a re-entry shows it again.
    expect(screenForState(marie, 'inTest', { name: 'waiting', candidate: marie })).toEqual({ name: 'resume', candidate: marie, step: 'waitingForResume' });
    // Every answer is kept here, some not yet at the station: the pupil has finished.
    expect(screenForState(marie, 'inTest', { name: 'test', candidate: marie }, { held: true, allAnswered: true })).toEqual({ name: 'ended', candidate: marie, end: 'completed' });
  });

  it('suspended with its cause, and back to the test once lifted', () => {
    const suspension = { kind: 'displayAdded' as const, cause: 'HDMI-2', at: '2026-03-14T08:05:00Z' };
    const suspended = screenForState(marie, { state: 'suspended', suspension }, { name: 'test', candidate: marie }, held);
    expect(suspended).toEqual({ name: 'suspended', candidate: marie, suspension });
    expect(screenForState(marie, 'suspended', { name: 'test', candidate: marie }, held)).toEqual({ name: 'suspended', candidate: marie, suspension: null });
    expect(screenForState(marie, { state: 'inTest' }, suspended, held)).toEqual({ name: 'test', candidate: marie });
  });

  it('every end has its page; replaced and expired theirs, whatever was on screen', () => {
    for (const end of ['completed', 'endedByInvigilator', 'endedDueToFinalisation'] as const) {
      expect(screenForState(marie, end, { name: 'test', candidate: marie }, held)).toEqual({ name: 'ended', candidate: marie, end });
    }
    expect(screenForState(marie, 'replaced', { name: 'test', candidate: marie }, held)).toEqual({ name: 'replaced', candidate: marie });
    expect(screenForState(marie, 'resumeExpired', { name: 'resume', candidate: marie, step: 'reEntering' })).toEqual({ name: 'resumeExpired', candidate: marie });
  });

  it('no state leads to a screen without its candidate (every state is handled)', () => {
    for (const state of KIOSK_STATES) {
      const screen = screenForState(marie, state, { name: 'waiting', candidate: marie }, held);
      expect('candidate' in screen && screen.candidate, state).toEqual(marie);
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

describe('startProblem and titleOf', () => {
  it('a refused start is worded by its code', () => {
    expect(startProblem({ kind: 'refused', status: 403, error: { code: 'notAuthorised', message: 'm' } })).toBe('error.notAuthorised');
    expect(startProblem({ kind: 'refused', status: 409, error: { code: 'neverHeardOf', message: 'm' } })).toBe('error.unknown');
    expect(startProblem({ kind: 'network', message: 'x' })).toBe('client.network');
  });

  it('the page title never carries the pupil’s name; during the test, the question and its mode', () => {
    expect(titleOf({ name: 'waiting', candidate: marie })).toEqual({ key: 'kiosk.title' });
    expect(titleOf({ name: 'pairing' })).toEqual({ key: 'pairing.heading' });
    const test: KioskScreen = { name: 'test', candidate: marie };
    expect(titleOf(test, { position: 3, total: 15, focused: false, timer: { seconds: 78, baseSeconds: 60 } }))
      .toEqual({ key: 'testFlow.title.timed', params: { position: 3, total: 15 } });
    expect(titleOf(test, { position: 4, total: 15, focused: true })).toEqual({ key: 'testFlow.title.focused', params: { position: 4, total: 15 } });
    expect(titleOf(test, { position: 1, total: 15, focused: false })).toEqual({ key: 'testFlow.title.plain', params: { position: 1, total: 15 } });
    expect(titleOf({ name: 'suspended', candidate: marie, suspension: null })).toEqual({ key: 'suspended.heading' });
    expect(translate('fr', 'testFlow.title.timed', { position: 3, total: 15 })).toBe('Question 3 sur 15 — épreuve chronométrée');
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
