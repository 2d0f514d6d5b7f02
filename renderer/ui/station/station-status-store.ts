import { createStore, type StoreApi } from 'zustand/vanilla';
import { KIOSK_ROUTES } from '../../../shared/formats/kiosk-routes';
import type { ApiClient, ClientError } from '../api-client';

/** Whether the station (the invigilator's PC, which serves these screens) answers: `GET /api/health`. */
export type StationStatus =
  | { kind: 'checking' }
  | { kind: 'reachable'; checkedAt: number }
  | { kind: 'unreachable'; checkedAt: number; reason: ClientError['kind'] };

export interface StationStatusState {
  status: StationStatus;
  check(): Promise<void>;
}

export function createStationStatusStore(client: ApiClient, now: () => number = Date.now): StoreApi<StationStatusState> {
  return createStore<StationStatusState>((set) => ({
    status: { kind: 'checking' },
    async check() {
      const answer = await client.call(KIOSK_ROUTES.health);
      set({ status: answer.ok ? { kind: 'reachable', checkedAt: now() } : { kind: 'unreachable', checkedAt: now(), reason: answer.error.kind } });
    },
  }));
}

/** Checks now, then every `everyMs`; returns the function that stops it. */
export function pollStationStatus(store: StoreApi<StationStatusState>, everyMs = 15_000): () => void {
  void store.getState().check();
  const timer = setInterval(() => void store.getState().check(), everyMs);
  return () => clearInterval(timer);
}
