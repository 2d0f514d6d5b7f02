import { describe, expect, it, vi } from 'vitest';
import { KIOSK_BRIDGE_GLOBAL } from '../../shared/formats/kiosk-bridge';
import { KioskChannel } from './ipc-channels';

vi.mock('electron', () => import('./testing/fake-electron'));
const electron = await import('./testing/fake-electron');
const { kioskBridge } = await import('./preload');

describe('preload bridge', () => {
  it('exposes exactly the bridge, under its one global name', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith(KIOSK_BRIDGE_GLOBAL, kioskBridge);
    expect(Object.keys(kioskBridge).sort()).toEqual(['acknowledgeLockdownEvents', 'onLockdownEvent', 'onTechnicianChord', 'openAttachment', 'requestRepairing', 'requestTechnicianExit', 'status']);
  });

  it('maps each method to its channel', async () => {
    await kioskBridge.status();
    await kioskBridge.requestTechnicianExit('1234');
    await kioskBridge.requestRepairing('5678');
    const request = { url: 'https://s/a', fileName: 'a.ods', mediaType: 'text/csv', sha256: 'a'.repeat(64), entryToken: 'pe_entree' };
    await kioskBridge.openAttachment(request);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([[KioskChannel.Status], [KioskChannel.TechnicianExit, { adminCode: '1234' }], [KioskChannel.TechnicianRepairing, { adminCode: '5678' }], [KioskChannel.OpenAttachment, request]]);
    kioskBridge.acknowledgeLockdownEvents(['a', 'b']);
    expect(electron.ipcRenderer.sendCalls).toContainEqual([KioskChannel.AcknowledgeLockdownEvents, ['a', 'b']]);
  });

  it('subscribes to lockdown events, hands the page the event alone (not the IPC event), and unsubscribes', () => {
    const seen: unknown[] = [];
    const stop = kioskBridge.onLockdownEvent((e) => seen.push(e));
    expect(electron.ipcRenderer.sendCalls).toContainEqual([KioskChannel.SubscribeLockdownEvents]);
    electron.ipcRenderer.emit(KioskChannel.LockdownEvent, { sender: 'ipc' }, { kind: 'focusLost' });
    stop();
    electron.ipcRenderer.emit(KioskChannel.LockdownEvent, { sender: 'ipc' }, { kind: 'focusRegained' });
    expect(seen).toEqual([{ kind: 'focusLost' }]);
    let chords = 0;
    const stopChord = kioskBridge.onTechnicianChord(() => { chords++; });
    electron.ipcRenderer.emit(KioskChannel.TechnicianChord, {});
    stopChord();
    electron.ipcRenderer.emit(KioskChannel.TechnicianChord, {});
    expect(chords).toBe(1);
  });
});
