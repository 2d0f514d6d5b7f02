import type { Session } from 'electron';
import { certificateDecision } from './certificate-pinning';
import { permissionDecision } from './permissions';
import { isAllowedRequest } from './request-filter';
import type { ShellContext } from './shell-context';
import { stationRequestHeaders } from './station-headers';

/** The session's guards (kiosk-lockdown §2): permissions, the pinned certificate, requests, headers, downloads. */
export function setupSessionSecurity(ses: Session, shell: ShellContext, clock: () => number = Date.now): void {
  const origin = shell.station.origin;
  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(permissionDecision(permission, details.requestingUrl, origin).allow);
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin, origin).allow);
  ses.setDevicePermissionHandler(() => false);
  ses.setCertificateVerifyProc((request, callback) => {
    callback(certificateDecision(request, { hostname: shell.station.hostname, fingerprint: shell.config.certificateFingerprint }).result);
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, origin) });
  });
  ses.webRequest.onBeforeSendHeaders((details, callback) => {
    callback({ requestHeaders: stationRequestHeaders(details, shell.credentials, clock()) });
  });
  ses.on('will-download', (event) => event.preventDefault());
}
