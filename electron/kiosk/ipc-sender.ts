import { isAllowedNavigation } from './navigation';

/**
 * kiosk-lockdown §2 — IPC handlers check the sender: only the kiosk window's top frame, showing the paired
 * station's page, may call the shell (an embed in an iframe, or a page the window was somehow steered to, may not).
 */
export interface IpcSender { frameUrl: string | null; isKioskMainFrame: boolean }

export function isTrustedSender(sender: IpcSender, stationOrigin: string): boolean {
  return sender.isKioskMainFrame && sender.frameUrl !== null && isAllowedNavigation(sender.frameUrl, stationOrigin);
}
