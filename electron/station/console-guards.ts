/**
 * Issue 10 §2, the Electron security checklist for the console window: where it may go, what it may load and
 * ask. Pure decisions; `console-window.ts` and `session-security.ts` hand Electron's events here.
 */

/** Navigation (`will-navigate`, `will-redirect`) only within the station's own origin, compared parsed, over https. */
export function isStationUrl(url: string, stationOrigin: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username !== '' || target.password !== '') return false;
  return target.protocol === 'https:' && target.origin === stationOrigin;
}

/**
 * Every request the window makes: the station (https, and its WebSocket over wss) or in-memory (`data:`, `blob:`);
 * `devtools:` only where devtools exist (not packaged). Nothing of the LAN or the internet: the console is the
 * station's own page and needs nothing else.
 */
export function isAllowedConsoleRequest(url: string, stationOrigin: string, devTools: boolean): boolean {
  if (/^(data|blob):/i.test(url)) return true;
  if (/^devtools:/i.test(url)) return devTools;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'wss:') target = new URL(`https://${target.host}${target.pathname}`);
  return isStationUrl(target.href, stationOrigin);
}

/**
 * Permissions: all denied. The console needs none (its audible cue is a page sound, it copies nothing through
 * the async clipboard, shows no notification, uses no camera, no location); a permission Chromium adds later is
 * denied the day it appears.
 */
export function consolePermission(_permission: string): false {
  return false;
}

/** New windows (`window.open`, `target=_blank`): denied. The console opens nothing outside its window. */
export function consoleNewWindow(): { action: 'deny' } {
  return { action: 'deny' };
}
