import { describe, expect, it, vi } from 'vitest';
import { PAIRING_BRIDGE_GLOBAL } from '../../shared/formats/kiosk-pairing-bridge';
import { PairingChannel } from './ipc-channels';

vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { pairingBridge } = await import('./pairing-preload');

describe('the pairing page’s preload (issue 8 §6)', () => {
  it('exposes exactly its three functions under its own global (not the kiosk bridge’s)', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith(PAIRING_BRIDGE_GLOBAL, pairingBridge);
    expect(PAIRING_BRIDGE_GLOBAL).not.toBe('passationKiosk');
    expect(Object.keys(pairingBridge).sort()).toEqual(['fetchCertificate', 'pair', 'situation']);
  });

  it('maps each to its invoke channel, passing the request as is (main parses it)', async () => {
    const form = { stationAddress: 's', confirmedFingerprint: 'AB', code: '123456', kioskName: 'P', adminCode: 'x', adminCodeRepeat: 'x' };
    await pairingBridge.situation();
    await pairingBridge.fetchCertificate({ stationAddress: 's' });
    await pairingBridge.pair(form);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([[PairingChannel.Situation], [PairingChannel.FetchCertificate, { stationAddress: 's' }], [PairingChannel.Pair, form]]);
  });
});
