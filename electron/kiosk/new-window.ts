/**
 * kiosk-lockdown.md §2 — every new window is denied (`setWindowOpenHandler`): `window.open`, `target=_blank`,
 * shift-click, middle-click. The page opens attachments through the bridge (attachments.ts), never a window; and
 * no URL from the page is ever given to `shell.openExternal`.
 */
export function newWindowDecision(): { action: 'deny' } {
  return { action: 'deny' };
}
