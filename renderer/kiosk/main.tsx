import '../ui/zod-without-eval';
import '../ui/theme/screen.css';
import './kiosk.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStore } from 'zustand/vanilla';
import { KIOSK_BRIDGE_GLOBAL, type KioskBridge } from '../../shared/formats/kiosk-bridge';
import { bindHtmlLang, localeStore } from '../ui/i18n/locale-store';
import { translate } from '../ui/i18n/translate';
import type { LiveConnection } from '../ui/live-connection';
import { createStationStatusStore, pollStationStatus } from '../ui/station/station-status-store';
import { openKioskLive } from '../ui/station-live';
import type { KioskToServer } from '../../shared/formats/live-messages';
import { relayLiveLink } from './answers/answer-links';
import { createCheckInStore } from './flow/check-in-store';
import { nextLinkState, outsideKioskShell, type LinkState } from './flow/connectivity';
import { createKioskFlowStore } from './flow/kiosk-flow-store';
import { titleOf } from './flow/kiosk-screen';
import { createPairingStore } from './flow/pairing-store';
import { createTechnicianStore } from './flow/technician-store';
import { KioskApp } from './screens/kiosk-app';
import { displayStore } from '../ui/theme/display-store';
import { startKioskWorker } from './offline/register-worker';
import { startPageLockdown } from './lockdown/page-lockdown';

// The kiosk page's wiring: the stores, the kiosk socket once paired (the outbox sends on it), the title following
// screen, question and language.
bindHtmlLang();
displayStore(); // Issue 8 §4: the pupil's kept theme and text size on <html> before the first paint.
const liveLink = relayLiveLink();
const shellBridge = (window as unknown as Record<string, KioskBridge | undefined>)[KIOSK_BRIDGE_GLOBAL] ?? null;
const { store: flow, client, assets } = createKioskFlowStore({ live: liveLink, ...(shellBridge ? { openAttachment: (r) => shellBridge.openAttachment(r) } : {}) });
const pairing = createPairingStore(client, () => flow.getState().paired());
const checkIn = createCheckInStore(client, (answer, sessionNumber) => flow.getState().checkedIn(answer, sessionNumber));
const station = createStationStatusStore(client);
pollStationStatus(station, 10_000);
const link = createStore<LinkState>(() => ({ live: null, wasOpen: false }));

let live: LiveConnection<KioskToServer> | null = null;
function openLive(): void {
  if (live) return;
  // `hello` (the socket opened or reopened, maybe after missed messages) and `stateChanged`: re-read the state.
  live = openKioskLive(location, (message) => {
    if (message.type === 'stateChanged' || message.type === 'hello') void flow.getState().refreshState();
    flow.getState().receive(message);
  });
  liveLink.attach(live);
  live.state.subscribe((s) => {
    link.setState(nextLinkState(link.getState(), s.status));
    // The socket gave up (4401 expired, 4403 revoked): ask the station again whether this kiosk is paired.
    if (s.status.kind === 'stopped' && s.status.closeCode !== null) {
      live = null;
      liveLink.attach(null);
      void flow.getState().boot();
    }
  });
}

/** The question on screen and its mode in the title (« Question 3 sur 15 — épreuve chronométrée »), never the pupil's name. */
const setTitle = () => {
  const { screen, running } = flow.getState();
  const challenge = running && running.index !== null ? running.kept.test.challenges[running.index]! : null;
  const title = titleOf(screen, challenge && running ? { ...challenge, total: running.kept.test.challenges.length } : null);
  document.title = translate(localeStore.getState().locale, title.key, title.params);
};
setTitle();
localeStore.subscribe(setTitle);
flow.subscribe((state, previous) => {
  if (state.running?.index !== previous.running?.index || state.screen !== previous.screen) setTitle();
  if (state.screen.name === previous.screen.name) return;
  if (state.screen.name === 'pairing') void pairing.getState().loadFingerprint();
  if (state.screen.name !== 'loading' && state.screen.name !== 'pairing') openLive();
});
void flow.getState().boot();
// Issue 8 §2: the app cached for an outage (a failure leaves the kiosk working online: nothing to show the pupil).
void startKioskWorker();
// Issue 8 §3: the in-page lockdown; the flow's challenge on screen and its focus-loss action, where the flow has them.
// Kiosk-lockdown §3: focus losses go to the station with the challenge on screen; a focused one is marked (R-VAL-5).
const lockdown = startPageLockdown({
  context: () => ({ entryToken: flow.getState().entryToken, challengeId: flow.getState().currentChallengeId() }),
  onFocusLost: () => flow.getState().focusLost(),
  bridge: shellBridge,
});
station.subscribe((s) => { if (s.status.kind === 'reachable') lockdown.queue.flush(); });
// Issue 8 §6: the shell's technician chord opens the admin page (in the shell only).
const technician = shellBridge ? createTechnicianStore(shellBridge) : null;
if (technician) shellBridge?.onTechnicianChord?.(() => technician.getState().show());

const root = document.getElementById('root');
if (!root) throw new Error('élément #root absent de la page');
const outsideShell = outsideKioskShell(window as unknown as Record<string, unknown>, KIOSK_BRIDGE_GLOBAL);
createRoot(root).render(<StrictMode><KioskApp stores={{ flow, assets, pairing, checkIn, station, link, outsideShell, technician }} /></StrictMode>);
