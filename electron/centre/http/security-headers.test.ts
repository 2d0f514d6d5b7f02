import { describe, expect, it } from 'vitest';
import { API_CSP, cspFor, KIOSK_CSP, PAGE_CSP } from './security-headers';

// Issue 8 §5 — the pages' CSP, read directive by directive as a browser does (a directive named twice would
// keep its first value: the parse refuses it, so a test cannot pass on a policy the browser reads otherwise).
function directives(policy: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    if (found.has(name!)) throw new Error(`directive en double : ${name}`);
    found.set(name!, sources);
  }
  return found;
}

describe('the kiosk page CSP (issue 8 §5)', () => {
  const kiosk = directives(KIOSK_CSP);

  it('no inline script, no eval, no inline style: scripts and styles from the station only', () => {
    expect(kiosk.get('script-src')).toEqual(["'self'"]);
    expect(kiosk.get('style-src')).toEqual(["'self'"]);
    expect(kiosk.get('default-src')).toEqual(["'self'"]);
    expect(KIOSK_CSP).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|unsafe-hashes|nonce-|sha256-/);
  });

  it('illustrations as blob: URLs made by the page (no data:), media from the station only', () => {
    expect(kiosk.get('img-src')).toEqual(["'self'", 'blob:']);
    expect(kiosk.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(kiosk.get('font-src')).toEqual(["'self'"]);
  });

  it('embeds in https iframes only; the worker from the station; sockets to the station only', () => {
    expect(kiosk.get('frame-src')).toEqual(['https:']);
    expect(kiosk.get('worker-src')).toEqual(["'self'"]);
    // 'self' covers wss:// to the station's own host (CSP 3); a bare wss: would open every host.
    expect(kiosk.get('connect-src')).toEqual(["'self'"]);
  });

  it('nothing posted, framed, based elsewhere, no plugin', () => {
    expect(kiosk.get('form-action')).toEqual(["'none'"]);
    expect(kiosk.get('frame-ancestors')).toEqual(["'none'"]);
    expect(kiosk.get('base-uri')).toEqual(["'none'"]);
    expect(kiosk.get('object-src')).toEqual(["'none'"]);
  });
});

describe('which CSP for which URL', () => {
  it('the API, the kiosk (page, worker, assets), the rest', () => {
    expect(cspFor('/api/kiosk/state')).toBe(API_CSP);
    for (const url of ['/kiosk', '/kiosk/', '/kiosk/service-worker.js', '/kiosk/assets/index-abc.js', '/kiosk/?x=1', '/kiosk?x=1']) expect(cspFor(url), url).toBe(KIOSK_CSP);
    for (const url of ['/console/', '/console/assets/a.js', '/kiosks', '/kioskX/', '/']) expect(cspFor(url), url).toBe(PAGE_CSP);
  });

  it('the console keeps its own strict policy, with no frame and no worker beyond default-src', () => {
    const page = directives(PAGE_CSP);
    expect(page.get('script-src')).toEqual(["'self'"]);
    expect(page.has('frame-src')).toBe(false);
    expect(PAGE_CSP).not.toMatch(/unsafe-/);
  });
});
