import { describe, expect, it } from 'vitest';
import { parseAttestation } from '../../shared/formats/kiosk-attestation';
import { attestationHeader, deviceKey } from './attestation';
import { isStationRequest, stationRequestHeaders } from './station-headers';

const credentials = { stationOrigin: 'https://192.168.1.10:8443', deviceToken: 'pk_token', deviceKey: deviceKey('pk_token'), buildHash: 'a'.repeat(64), configHash: 'b'.repeat(64) };

describe('stationRequestHeaders (kiosk-lockdown §2)', () => {
  it('adds the device token and an attestation of this very request to the station', () => {
    const headers = stationRequestHeaders({ url: 'https://192.168.1.10:8443/api/kiosk/answers', method: 'POST', requestHeaders: { 'Content-Type': 'application/json' } }, credentials, 5000);
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers.Authorization).toBe('Bearer pk_token');
    expect(headers['x-passation-attestation']).toBe(attestationHeader({ method: 'POST', url: 'https://192.168.1.10:8443/api/kiosk/answers', timestampMs: 5000, ...credentials }));
  });

  it('signs the WebSocket handshake too, as its https request target', () => {
    const headers = stationRequestHeaders({ url: 'wss://192.168.1.10:8443/api/kiosk/live', method: 'GET', requestHeaders: {} }, credentials, 5000);
    const parsed = parseAttestation(headers['x-passation-attestation']!);
    expect(parsed.ok).toBe(true);
    expect(headers['x-passation-attestation']).toBe(attestationHeader({ method: 'GET', url: 'https://192.168.1.10:8443/api/kiosk/live', timestampMs: 5000, ...credentials }));
  });

  it('replaces whatever Authorization or attestation the page tried to set', () => {
    const headers = stationRequestHeaders({ url: 'https://192.168.1.10:8443/api/kiosk/me', method: 'GET', requestHeaders: { authorization: 'Bearer forged', 'X-Passation-Attestation': 'v1;forged' } }, credentials, 1);
    expect(Object.keys(headers).filter((h) => h.toLowerCase() === 'authorization')).toEqual(['Authorization']);
    expect(headers.Authorization).toBe('Bearer pk_token');
    expect(headers['X-Passation-Attestation']).toBeUndefined();
  });

  it('adds nothing to a request for another origin: the token never leaves', () => {
    for (const url of ['https://192.168.1.10:8444/x', 'https://evil.example/', 'http://192.168.1.10:8443/x', 'wss://evil.example/live', 'file:///etc/passwd']) {
      expect(stationRequestHeaders({ url, method: 'GET', requestHeaders: { A: '1' } }, credentials, 1)).toEqual({ A: '1' });
    }
    expect(isStationRequest('wss://192.168.1.10:8443/api/kiosk/live', credentials.stationOrigin)).toBe(true);
  });
});
