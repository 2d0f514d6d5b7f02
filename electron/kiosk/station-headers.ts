import { ATTESTATION_HEADER } from '../../shared/formats/kiosk-attestation';
import { attestationHeader } from './attestation';
import { isAllowedNavigation } from './navigation';

/**
 * kiosk-lockdown §2 — what the shell adds to every request to the station (`webRequest.onBeforeSendHeaders`):
 * the device token and the attestation header. Requests elsewhere (there should be none: navigation, permissions
 * and certificates all refuse) get nothing, so the token never leaves for another host. The page never holds the
 * device token or key: a page copied into another browser cannot sign.
 */
export interface StationCredentials {
  stationOrigin: string;
  deviceToken: string;
  deviceKey: Buffer;
  buildHash: string;
  configHash: string;
}

/** The station's HTTP(S) or WebSocket endpoints, compared by parsed origin (wss:// is the https:// origin's). */
export function isStationRequest(url: string, stationOrigin: string): boolean {
  const asHttp = url.replace(/^ws(s?):/i, 'http$1:');
  return isAllowedNavigation(asHttp, stationOrigin);
}

export function stationRequestHeaders(
  request: { url: string; method: string; requestHeaders: Record<string, string> },
  credentials: StationCredentials,
  nowMs: number,
): Record<string, string> {
  if (!isStationRequest(request.url, credentials.stationOrigin)) return request.requestHeaders;
  const headers = Object.fromEntries(Object.entries(request.requestHeaders)
    .filter(([name]) => !['authorization', ATTESTATION_HEADER].includes(name.toLowerCase())));
  const attestation = attestationHeader({
    method: request.method, url: request.url.replace(/^ws(s?):/i, 'http$1:'), timestampMs: nowMs,
    deviceKey: credentials.deviceKey, buildHash: credentials.buildHash, configHash: credentials.configHash,
  });
  headers.Authorization = `Bearer ${credentials.deviceToken}`;
  if (attestation !== null) headers[ATTESTATION_HEADER] = attestation;
  return headers;
}
