import { describe, expect, it } from 'vitest';
import { acceptedPairingAnswer, deviceTokenFileFor, pairingRefusal, pairingSituation, parseStationAddress, sameFingerprint } from './pairing';

/** Issue 8 §6 — the pairing page's pure decisions (the real-station run is pairing-flow.test.ts). */
const FP = 'AB:CD:'.repeat(16).slice(0, 95);

describe('parseStationAddress: what the technician types', () => {
  it.each([
    ['192.168.1.10:8443', 'https://192.168.1.10:8443/', 8443],
    ['  station.lycee.fr ', 'https://station.lycee.fr/', 443],
    ['https://192.168.1.10:8443/', 'https://192.168.1.10:8443/', 8443],
    ['[::1]:8443', 'https://[::1]:8443/', 8443],
  ])('%s → %s', (input, url, port) => {
    expect(parseStationAddress(input)).toMatchObject({ ok: true, value: { url, port } });
  });

  it.each([
    ['', 'adresse de la station obligatoire (exemple : 192.168.1.10:8443)'],
    ['http://192.168.1.10:8443', 'la station se joint en https:// seulement'],
    ['ftp://192.168.1.10', 'la station se joint en https:// seulement'],
    ['https://moi:secret@192.168.1.10', 'pas d’identifiant dans l’adresse de la station'],
    ['192.168.1.10:8443/kiosk/', 'l’adresse de la station seulement, sans chemin (exemple : 192.168.1.10:8443)'],
    ['192.168.1.10:99999', 'adresse illisible « 192.168.1.10:99999 » (attendu : 192.168.1.10:8443)'],
  ])('%j refused: %s', (input, message) => {
    expect(parseStationAddress(input)).toEqual({ ok: false, error: message });
  });
});

describe('the station’s answer and refusals', () => {
  const token = `pk_${'a'.repeat(43)}`;
  it('trusted only when it names the pinned certificate (case and colons ignored) and holds a device token', () => {
    expect(acceptedPairingAnswer({ kioskId: 3, deviceToken: token, certificateFingerprint: FP.toLowerCase() }, FP)).toEqual({ ok: true, value: { kioskId: 3, deviceToken: token } });
    expect(acceptedPairingAnswer({ kioskId: 3, deviceToken: token, certificateFingerprint: 'EF'.repeat(32) }, FP).ok).toBe(false);
    expect(acceptedPairingAnswer({ kioskId: 3, deviceToken: 'pi_console', certificateFingerprint: FP }, FP).ok).toBe(false);
    expect(acceptedPairingAnswer('<html>', FP).ok).toBe(false);
  });

  it('a refused code lands on the code field with the station’s French message', () => {
    expect(pairingRefusal(401, { error: { code: 'pairingRefused', message: 'Code d’appairage inconnu : …' } })).toEqual([{ field: 'code', message: 'Code d’appairage inconnu : …' }]);
    expect(pairingRefusal(502, null)).toEqual([{ field: 'stationAddress', message: 'la station a refusé l’appairage (HTTP 502)' }]);
  });

  it('fingerprints compare by value', () => {
    expect(sameFingerprint(FP, FP.replaceAll(':', '').toLowerCase())).toBe(true);
    expect(sameFingerprint(FP, '')).toBe(false);
  });
});

describe('where and when', () => {
  it('the token beside the config, on Windows too', () => {
    expect(deviceTokenFileFor('/etc/passation/kiosk.json')).toBe('/etc/passation/device-token');
    expect(deviceTokenFileFor('C:\\ProgramData\\Passation\\kiosk.json')).toBe('C:\\ProgramData\\Passation\\device-token');
  });

  it('no config → first pairing; an invalid one → no pairing page (the error box)', () => {
    expect(pairingSituation({ kind: 'missing' }, '/etc/passation/kiosk.json')).toEqual({ mode: 'first', stationUrl: null, kioskName: null, reason: null, configFile: '/etc/passation/kiosk.json' });
    expect(pairingSituation({ kind: 'invalid', message: 'x' }, '/etc/passation/kiosk.json')).toBeNull();
  });
});
