import { isAllowedNavigation } from './navigation';

/**
 * kiosk-lockdown.md §2 — the permission handler denies everything but one permission, for the station's page only:
 *
 * - `persistent-storage` (`navigator.storage.persist()`), asked by the page from the paired station: the answers
 *   held in IndexedDB during an outage must never be evicted under disk pressure (architecture §4: "never lose an
 *   answer"). It grants nothing a pupil could use.
 *
 * Everything else is refused, from any origin. Focus is read with `document.hasFocus()` and `visibilitychange`
 * (no permission); attachments open through the shell's bridge, not the File System Access API; the window is
 * already fullscreen, so `fullscreen` is not needed; the clipboard stays inside the test (in-page copy and paste
 * need no permission; `clipboard-read` would let outside text in, `clipboard-sanitized-write` text out). Media,
 * display capture, geolocation, notifications, MIDI, HID, serial, USB, pointer and keyboard lock, window
 * management, idle detection, `openExternal`: none is of use to a pupil. The list is of what is allowed, so a
 * permission Chromium adds later is denied the day it appears.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['persistent-storage'];

export type PermissionDecision = { allow: true } | { allow: false; reason: string };

export function permissionDecision(permission: string, requestingUrl: string, stationOrigin: string): PermissionDecision {
  if (ALLOWED_PERMISSIONS.includes(permission) && isAllowedNavigation(requestingUrl, stationOrigin)) return { allow: true };
  return { allow: false, reason: `permission « ${permission} » refusée au poste d’examen (${originOf(requestingUrl)})` };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'origine inconnue';
  }
}
