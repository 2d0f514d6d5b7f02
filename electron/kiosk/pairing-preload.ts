import { contextBridge, ipcRenderer } from 'electron';
import { PAIRING_BRIDGE_GLOBAL, type PairingBridge } from '../../shared/formats/kiosk-pairing-bridge';
import { PairingChannel } from './ipc-channels';

/**
 * The pairing page's own preload (issue 8 §6; sandboxed, context-isolated, bundled to `kiosk-pairing-preload.js`):
 * `window.passationPairing` and nothing else. The candidate page never gets it (its window has kiosk-preload.js),
 * and this page never gets the kiosk bridge. `satisfies` keeps it equal to the type the page uses.
 */
export const pairingBridge = {
  situation: () => ipcRenderer.invoke(PairingChannel.Situation),
  fetchCertificate: (request) => ipcRenderer.invoke(PairingChannel.FetchCertificate, request),
  pair: (request) => ipcRenderer.invoke(PairingChannel.Pair, request),
} satisfies PairingBridge;

contextBridge.exposeInMainWorld(PAIRING_BRIDGE_GLOBAL, pairingBridge);
