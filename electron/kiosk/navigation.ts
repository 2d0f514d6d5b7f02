/**
 * Kiosk lockdown §2 — the kiosk window may only navigate to the paired station's origin.
 * Origins are compared parsed (scheme, host, port), never as string prefixes:
 * `https://station.lan:8443.evil.example` does not pass for `https://station.lan:8443`.
 */
export function isAllowedNavigation(url: string, stationOrigin: string): boolean {
  let target: URL;
  let allowed: URL;
  try {
    target = new URL(url);
    allowed = new URL(stationOrigin);
  } catch {
    return false;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  if (target.username !== '' || target.password !== '') return false;
  return target.origin === allowed.origin;
}
