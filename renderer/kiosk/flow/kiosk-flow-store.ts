import { createStore, type StoreApi } from 'zustand/vanilla';
import { ENTRY_TOKEN_HEADER, type KioskCheckInAnswer } from '../../../shared/formats/kiosk-api';
import { ROUTES } from '../../../shared/formats/routes';
import { createApiClient, type ApiClient, type ApiClientOptions } from '../../ui/api-client';
import { screenForPairingCheck, screenForState, startProblem, type KioskScreen } from './kiosk-screen';

/**
 * The pupil's journey through the kiosk's screens (one store, one concern). The entry token check-in returns
 * is kept here, in the page's memory only (R-SESS-5: a reload is a new entry), and added to every later call.
 */
export interface KioskFlowState {
  screen: KioskScreen;
  entryToken: string | null;
  /** Asks the station whether this kiosk is paired (at start, and when the socket closed for good); tries again while it does not answer. */
  boot(): Promise<void>;
  paired(): void;
  checkedIn(answer: KioskCheckInAnswer): void;
  /** `stateChanged` on the kiosk socket (or the socket reopened): re-read `GET /api/kiosk/state`. */
  refreshState(): Promise<void>;
  /** « Commencer mon test »: `POST /api/kiosk/start`. */
  start(): Promise<void>;
}

export interface KioskFlowStore { store: StoreApi<KioskFlowState>; client: ApiClient }

export function createKioskFlowStore(options: ApiClientOptions & { retryBootMs?: number } = {}): KioskFlowStore {
  let store: StoreApi<KioskFlowState> | null = null;
  const client = createApiClient({
    ...options,
    headers: () => {
      const entry = store?.getState().entryToken;
      return { ...options.headers?.(), ...(entry ? { [ENTRY_TOKEN_HEADER]: entry } : {}) };
    },
  });
  const retryBootMs = options.retryBootMs ?? 3000;

  store = createStore<KioskFlowState>((set, get) => ({
    screen: { name: 'loading' },
    entryToken: null,
    async boot() {
      const me = await client.call(ROUTES.kioskMe);
      const next = screenForPairingCheck(me.ok ? { ok: true } : me);
      // Asked again mid-way (the socket was closed for good): only a kiosk no longer paired leaves its screen.
      if (next) {
        if (next.name === 'pairing' || get().screen.name === 'loading') set({ screen: next, entryToken: next.name === 'pairing' ? null : get().entryToken });
      } else setTimeout(() => void get().boot(), retryBootMs);
    },
    paired: () => set({ screen: { name: 'checkIn' }, entryToken: null }),
    checkedIn(answer) {
      set({ entryToken: answer.entryToken, screen: screenForState(answer.candidate, answer.state.state, get().screen) });
    },
    async refreshState() {
      const { entryToken, screen } = get();
      if (!entryToken || !('candidate' in screen)) return;
      const state = await client.call(ROUTES.kioskState);
      // Unreachable: the banner says so; the next stateChanged (or the socket reopening) reads it again.
      if (!state.ok) return;
      set({ screen: screenForState(screen.candidate, state.value.state, get().screen) });
    },
    async start() {
      const screen = get().screen;
      if (screen.name !== 'instructions' || screen.starting) return;
      set({ screen: { ...screen, starting: true, problem: null } });
      const test = await client.call(ROUTES.start, { body: {} });
      if (test.ok) {
        set({ screen: { name: 'testStarting', candidate: screen.candidate, total: test.value.challenges.length } });
        return;
      }
      set({ screen: { ...screen, starting: false, problem: startProblem(test.error) } });
    },
  }));
  return { store, client };
}
