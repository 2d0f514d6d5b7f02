import { describe, expect, it } from 'vitest';
import { registerKioskWorker } from './register-worker';

describe('registering the kiosk’s service worker', () => {
  it('registers /kiosk/service-worker.js for the scope /kiosk/, each update asked of the station', async () => {
    const calls: [string, RegistrationOptions][] = [];
    const answer = await registerKioskWorker({ isSecureContext: true, serviceWorker: { register: async (url, options) => { calls.push([url, options]); } } });
    expect(answer).toEqual({ ok: true, value: undefined });
    expect(calls).toEqual([['/kiosk/service-worker.js', { scope: '/kiosk/', updateViaCache: 'none' }]]);
  });

  it('without HTTPS or without service workers: reported, nothing thrown', async () => {
    expect(await registerKioskWorker({ isSecureContext: false, serviceWorker: { register: async () => undefined } })).toEqual({ ok: false, error: { kind: 'unsupported' } });
    expect(await registerKioskWorker({ isSecureContext: true })).toEqual({ ok: false, error: { kind: 'unsupported' } });
  });

  it('a refusal by the browser (certificate not trusted…) is a value', async () => {
    const answer = await registerKioskWorker({ isSecureContext: true, serviceWorker: { register: () => Promise.reject(new Error('An SSL certificate error occurred when fetching the script.')) } });
    expect(answer).toEqual({ ok: false, error: { kind: 'refused', message: 'An SSL certificate error occurred when fetching the script.' } });
  });
});
