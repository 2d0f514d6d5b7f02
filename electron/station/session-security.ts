import type { Session } from 'electron';
import { consoleCertificateDecision, type PinnedKey } from './certificate-trust';
import { consolePermission, isAllowedConsoleRequest, isStationUrl } from './console-guards';

/**
 * The console session's guards (issue 10 §2): the station's key pinned, every permission denied, requests to the
 * station only, downloads from the station only (Electron then asks where to save).
 */
export function setupConsoleSession(ses: Session, station: { origin: string; pinned: PinnedKey; devTools: boolean }): void {
  ses.setCertificateVerifyProc((request, callback) => callback(consoleCertificateDecision(request, station.pinned).result));
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(consolePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => consolePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedConsoleRequest(details.url, station.origin, station.devTools) }));
  ses.on('will-download', (event, item) => { if (!isStationUrl(item.getURL(), station.origin)) event.preventDefault(); });
}
