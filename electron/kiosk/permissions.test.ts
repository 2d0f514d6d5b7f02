import { describe, expect, it } from 'vitest';
import { newWindowDecision } from './new-window';
import { permissionDecision } from './permissions';

const STATION = 'https://192.168.1.10:8443';
const PAGE = 'https://192.168.1.10:8443/kiosk/';

// Permission names Electron 45 passes to `setPermissionRequestHandler` (electron.d.ts), and one it does not know yet.
const DENIED = [
  'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fullscreen',
  'automatic-fullscreen', 'geolocation', 'idle-detection', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications',
  'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access', 'top-level-storage-access',
  'window-management', 'local-fonts', 'hid', 'serial', 'usb', 'screen-wake-lock', 'web-printing', 'fileSystem', 'unknown',
  'a-permission-of-2027',
];

describe('permission handler (kiosk-lockdown §2)', () => {
  it.each(DENIED)('%s is denied, even to the station\'s own page', (permission) => {
    const decision = permissionDecision(permission, PAGE, STATION);
    expect(decision.allow).toBe(false);
    if (!decision.allow) expect(decision.reason).toBe(`permission « ${permission} » refusée au poste d’examen (https://192.168.1.10:8443)`);
  });

  it('persistent-storage is granted to the station\'s page only (answers kept through an outage are never evicted)', () => {
    expect(permissionDecision('persistent-storage', PAGE, STATION)).toEqual({ allow: true });
    expect(permissionDecision('persistent-storage', 'https://192.168.1.10:8444/kiosk/', STATION).allow).toBe(false);
    expect(permissionDecision('persistent-storage', 'https://evil.example/', STATION).allow).toBe(false);
    expect(permissionDecision('persistent-storage', 'file:///tmp/x.html', STATION).allow).toBe(false);
    const bad = permissionDecision('persistent-storage', 'not a url', STATION);
    expect(bad).toEqual({ allow: false, reason: 'permission « persistent-storage » refusée au poste d’examen (origine inconnue)' });
  });
});

describe('new windows', () => {
  it('are all denied', () => {
    expect(newWindowDecision()).toEqual({ action: 'deny' });
  });
});
