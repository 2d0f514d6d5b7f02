import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attestationMessage, parseAttestation } from '../../shared/formats/kiosk-attestation';
import { attestationHeader, buildHash, deviceKey } from './attestation';

const BUILD = 'a'.repeat(64);
const CONFIG = 'b'.repeat(64);
const TOKEN = 'pk_0123456789abcdefghijklmnopqrstuv';

/** Independent oracle: openssl's HMAC over the same message. */
function opensslHmac(keyHex: string, message: string): Buffer {
  return execFileSync('openssl', ['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${keyHex}`, '-binary'], { input: message });
}

describe('attestation header (kiosk-lockdown §2)', () => {
  it('is an HMAC-SHA-256 that openssl computes identically, over method, path+query, time and both hashes', () => {
    const key = deviceKey(TOKEN);
    const header = attestationHeader({ method: 'post', url: 'https://192.168.1.10:8443/api/kiosk/answers?x=1#frag', timestampMs: 1_790_000_000_000, deviceKey: key, buildHash: BUILD, configHash: CONFIG });
    expect(header).not.toBeNull();
    const parsed = parseAttestation(header!);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value).toMatchObject({ timestampMs: 1_790_000_000_000, buildHash: BUILD, configHash: CONFIG });
    const message = 'passation-attestation-v1\nPOST\n/api/kiosk/answers?x=1\n1790000000000\n' + BUILD + '\n' + CONFIG;
    expect(attestationMessage('post', '/api/kiosk/answers?x=1', parsed.value)).toBe(message);
    expect(Buffer.from(parsed.value.mac, 'base64url')).toEqual(opensslHmac(key.toString('hex'), message));
  });

  it('derives the device key as openssl does (HMAC of the label under the token)', () => {
    const oracle = execFileSync('openssl', ['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `key:${TOKEN}`, '-binary'], { input: 'passation-attestation-key-v1' });
    expect(deviceKey(TOKEN)).toEqual(oracle);
  });

  it('changes with every signed input, and not with the host or the fragment', () => {
    const base = { method: 'GET', url: 'https://station.lan:8443/api/kiosk/me', timestampMs: 1000, deviceKey: deviceKey(TOKEN), buildHash: BUILD, configHash: CONFIG };
    const mac = (over: Partial<typeof base>) => parseAttestation(attestationHeader({ ...base, ...over })!);
    const reference = mac({});
    const variants = [
      mac({ method: 'POST' }), mac({ url: 'https://station.lan:8443/api/kiosk/me?a=1' }), mac({ url: 'https://station.lan:8443/api/kiosk/mf' }),
      mac({ timestampMs: 1001 }), mac({ deviceKey: deviceKey(TOKEN + 'x') }), mac({ buildHash: 'c'.repeat(64) }), mac({ configHash: 'c'.repeat(64) }),
    ];
    for (const v of variants) expect(v).not.toEqual(reference);
    expect(mac({ url: 'https://10.0.0.2:9000/api/kiosk/me#x' })).toEqual(reference);
  });

  it('gives no header for a URL that does not parse', () => {
    expect(attestationHeader({ method: 'GET', url: 'pas une url', timestampMs: 0, deviceKey: deviceKey(TOKEN), buildHash: BUILD, configHash: CONFIG })).toBeNull();
  });

  it('round-trips through the shared parser for any time and path', () => {
    fc.assert(fc.property(fc.nat({ max: 2 ** 50 }), fc.webPath(), (t, p) => {
      const header = attestationHeader({ method: 'GET', url: `https://s.lan${p.startsWith('/') ? p : `/${p}`}`, timestampMs: t, deviceKey: deviceKey(TOKEN), buildHash: BUILD, configHash: CONFIG });
      const parsed = parseAttestation(header!);
      return parsed.ok && parsed.value.timestampMs === t;
    }));
  });

  it('refuses malformed headers with a French reason', () => {
    for (const bad of ['', 'v2;t=1;b=;c=;m=', `v1;t=abc;b=${BUILD};c=${CONFIG};m=${'A'.repeat(43)}`, `v1;t=1;b=${BUILD};c=short;m=${'A'.repeat(43)}`]) {
      const parsed = parseAttestation(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/attestation/);
    }
  });
});

describe('buildHash', () => {
  it('does not depend on the order the files are listed in, and changes with one byte', () => {
    const files = [{ path: 'main.js', bytes: Buffer.from('a') }, { path: 'preload.js', bytes: Buffer.from('b') }];
    expect(buildHash(files)).toBe(buildHash([...files].reverse()));
    expect(buildHash(files)).not.toBe(buildHash([files[0]!, { path: 'preload.js', bytes: Buffer.from('c') }]));
    expect(buildHash([{ path: 'ab', bytes: Buffer.from('') }])).not.toBe(buildHash([{ path: 'a', bytes: Buffer.from('b') }]));
  });
});

describe('requestTarget (shared, no URL class)', () => {
  it.each([
    ['https://s.lan:8443/api/kiosk/me', '/api/kiosk/me'], ['https://s.lan', '/'], ['https://s.lan?x=1', '/?x=1'],
    ['https://s.lan/a?b=1#c', '/a?b=1'], ['HTTPS://S.LAN/x', '/x'], ['ftp://s.lan/x', null], ['/relative', null], ['https:///x', null],
  ])('%s → %s', async (url, target) => {
    const { requestTarget } = await import('../../shared/formats/kiosk-attestation');
    expect(requestTarget(url)).toBe(target);
  });
});
