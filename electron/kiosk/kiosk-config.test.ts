import { describe, expect, it } from 'vitest';
import { canonicalConfig, describeConfigErrors, parseKioskConfig, stationOf } from './kiosk-config';

const HASH = 'scrypt$32768$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$' + 'A'.repeat(43) + '=';
const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const GOOD = {
  stationUrl: 'https://192.168.1.10:8443/',
  certificateFingerprint: FINGERPRINT,
  deviceTokenFile: '/var/lib/passation-kiosk/device-token',
  adminCodeHash: HASH,
};

describe('parseKioskConfig', () => {
  it('reads a good file, with no permitted application by default', () => {
    const parsed = parseKioskConfig(JSON.stringify(GOOD));
    expect(parsed).toEqual({ ok: true, value: { ...GOOD, permittedApplications: [] } });
    if (parsed.ok) expect(stationOf(parsed.value)).toEqual({ origin: 'https://192.168.1.10:8443', hostname: '192.168.1.10', url: 'https://192.168.1.10:8443/' });
  });

  it('accepts a Windows path and permitted applications', () => {
    const parsed = parseKioskConfig(JSON.stringify({ ...GOOD, deviceTokenFile: 'C:\\ProgramData\\Passation\\token',
      permittedApplications: [{ name: 'LibreOffice Calc', executable: 'C:\\Program Files\\LibreOffice\\program\\scalc.exe', mediaTypes: ['application/vnd.oasis.opendocument.spreadsheet'] }] }));
    expect(parsed.ok).toBe(true);
  });

  it.each([
    [{ ...GOOD, stationUrl: 'http://192.168.1.10:8443/' }, 'stationUrl', 'la station se joint en https:// seulement'],
    [{ ...GOOD, stationUrl: 'station' }, 'stationUrl', 'adresse de la station illisible (attendu : https://adresse:port/)'],
    [{ ...GOOD, stationUrl: 'https://u:p@station/' }, 'stationUrl', 'pas d’identifiant dans l’adresse de la station'],
    [{ ...GOOD, certificateFingerprint: 'AB:CD' }, 'certificateFingerprint', 'empreinte SHA-256 attendue : 32 octets en hexadécimal (AB:CD:…)'],
    [{ ...GOOD, deviceTokenFile: 'token.txt' }, 'deviceTokenFile', 'fichier du jeton de poste : chemin absolu attendu (/… ou C:\\…)'],
    [{ ...GOOD, adminCodeHash: '1234' }, 'adminCodeHash', 'empreinte du code administrateur attendue : scrypt$N$r$p$sel$empreinte'],
    [{ ...GOOD, adminCode: '1234' }, 'adminCode', 'champ inconnu'],
    [{ ...GOOD, permittedApplications: [{ name: 'Calc', executable: 'scalc', mediaTypes: [] }] }, 'permittedApplications[0].executable', 'exécutable : chemin absolu attendu (/… ou C:\\…)'],
  ])('refuses %o: %s — %s', (config, field, message) => {
    const parsed = parseKioskConfig(JSON.stringify(config));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContainEqual({ field, message });
  });

  it('names every missing field at once', () => {
    const parsed = parseKioskConfig('{}');
    expect(parsed).toEqual({ ok: false, error: [
      { field: 'stationUrl', message: 'stationUrl obligatoire' },
      { field: 'certificateFingerprint', message: 'certificateFingerprint obligatoire' },
      { field: 'deviceTokenFile', message: 'deviceTokenFile obligatoire' },
      { field: 'adminCodeHash', message: 'adminCodeHash obligatoire' },
    ] });
  });

  it('refuses what is not a JSON object, saying so', () => {
    expect(parseKioskConfig('{"stationUrl":')).toMatchObject({ ok: false, error: [{ field: '(fichier)' }] });
    expect(parseKioskConfig('[]')).toEqual({ ok: false, error: [{ field: '(fichier)', message: 'un objet JSON est attendu' }] });
  });

  it('describes errors one line each with the file', () => {
    expect(describeConfigErrors('/etc/passation/kiosk.json', [{ field: 'stationUrl', message: 'stationUrl obligatoire' }]))
      .toBe('/etc/passation/kiosk.json : stationUrl — stationUrl obligatoire');
  });

  it('has a canonical form that ignores key order and spacing, and changes with any value', () => {
    const a = parseKioskConfig(JSON.stringify(GOOD));
    const b = parseKioskConfig(`{ "adminCodeHash": "${HASH}",\n "deviceTokenFile": "${GOOD.deviceTokenFile}", "certificateFingerprint": "${FINGERPRINT}", "stationUrl": "${GOOD.stationUrl}" }`);
    const c = parseKioskConfig(JSON.stringify({ ...GOOD, stationUrl: 'https://192.168.1.11:8443/' }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('configs should parse');
    expect(canonicalConfig(a.value)).toBe(canonicalConfig(b.value));
    expect(canonicalConfig(a.value)).not.toBe(canonicalConfig(c.value));
  });
});
