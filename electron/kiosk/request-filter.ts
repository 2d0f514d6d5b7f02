import { isStationRequest } from './station-headers';

/**
 * kiosk-lockdown §2 — no remote content but the station: every request the window makes (page, images, scripts,
 * embeds, WebSocket) goes to the paired station's origin, or is in-memory (`data:`, `blob:`). A challenge's embed
 * is therefore served by the station (from the content package); anything else is cancelled, so a link, an
 * injected image or a redirect cannot reach the internet or another machine of the LAN.
 */
export function isAllowedRequest(url: string, stationOrigin: string): boolean {
  if (/^(data|blob):/i.test(url)) return true;
  if (/^devtools:|^chrome(-extension)?:/i.test(url)) return false;
  return isStationRequest(url, stationOrigin);
}
