import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { KIOSK_BRIDGE_GLOBAL, type KioskBridge, type ShellLockdownEvent } from '../../shared/formats/kiosk-bridge';
import { KioskChannel } from './ipc-channels';

/**
 * The preload (sandboxed, context-isolated): the page gets `window.passationKiosk` and nothing else — no
 * ipcRenderer, no Node. Each method maps to one channel of KioskChannel; `satisfies` keeps it equal to the type
 * the page imports. Bundled into one file at build time (a sandboxed preload can only require `electron`).
 */
function listen<T extends unknown[]>(channel: KioskChannel, listener: (...args: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) => listener(...(args as T));
  ipcRenderer.on(channel, wrapped);
  return () => { ipcRenderer.removeListener(channel, wrapped); };
}

export const kioskBridge = {
  status: () => ipcRenderer.invoke(KioskChannel.Status),
  onLockdownEvent: (listener: (event: ShellLockdownEvent) => void) => {
    const stop = listen<[ShellLockdownEvent]>(KioskChannel.LockdownEvent, listener);
    ipcRenderer.send(KioskChannel.SubscribeLockdownEvents);
    return stop;
  },
  acknowledgeLockdownEvents: (clientEventIds: readonly string[]) => ipcRenderer.send(KioskChannel.AcknowledgeLockdownEvents, [...clientEventIds]),
  openAttachment: (request) => ipcRenderer.invoke(KioskChannel.OpenAttachment, request),
  onTechnicianChord: (listener: () => void) => listen<[]>(KioskChannel.TechnicianChord, listener),
  requestTechnicianExit: (adminCode: string) => ipcRenderer.invoke(KioskChannel.TechnicianExit, { adminCode }),
  requestRepairing: (adminCode: string) => ipcRenderer.invoke(KioskChannel.TechnicianRepairing, { adminCode }),
} satisfies KioskBridge;

contextBridge.exposeInMainWorld(KIOSK_BRIDGE_GLOBAL, kioskBridge);
