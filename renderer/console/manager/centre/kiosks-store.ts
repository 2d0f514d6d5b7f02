import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KioskSummary } from '../../../../shared/formats/centre-api';
import { ROUTES } from '../../../../shared/formats/routes';
import type { ApiClient, ClientError } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { errorKey } from '../../../ui/i18n/translate';
import { kioskOrder } from './kiosk-facts';

/**
 * Pairing and the paired kiosks (docs/centre-api.md « pairing-codes », « kiosks »): a single-use code with its
 * expiry, the station's certificate fingerprint the technician compares on the kiosk (`GET /api/health`), the
 * kiosks, and the revocation of one after its confirmation.
 */
export type Pairing =
  | { kind: 'none' }
  | { kind: 'asking' }
  /** `knownKioskIds`: the kiosks listed when the code was given; a new one in the list has used it (single use). */
  | { kind: 'shown'; code: string; expiresAt: string; knownKioskIds: number[] | null }
  | { kind: 'failed'; key: MessageKey };

export type Kiosks = { kind: 'loading' } | { kind: 'ready'; kiosks: KioskSummary[] } | { kind: 'failed'; key: MessageKey };

export interface KiosksState {
  pairing: Pairing;
  fingerprint: { kind: 'loading' } | { kind: 'known'; value: string } | { kind: 'unknown' };
  kiosks: Kiosks;
  /** The kiosk whose revocation waits for the manager's confirmation. */
  confirming: KioskSummary | null;
  revoking: boolean;
  revokeProblem: MessageKey | null;
  /** The last kiosk revoked, for the confirmation line. */
  revoked: KioskSummary | null;
  askCode(): Promise<void>;
  loadFingerprint(): Promise<void>;
  loadKiosks(): Promise<void>;
  askRevoke(kiosk: KioskSummary): void;
  cancelRevoke(): void;
  revoke(): Promise<boolean>;
}

function problemKey(error: ClientError): MessageKey {
  if (error.kind === 'refused') return errorKey(error.error.code);
  return error.kind === 'network' ? 'client.network' : error.kind === 'timeout' ? 'client.timeout' : 'client.invalidResponse';
}

export function createKiosksStore(client: ApiClient): StoreApi<KiosksState> {
  return createStore<KiosksState>((set, get) => ({
    pairing: { kind: 'none' },
    fingerprint: { kind: 'loading' },
    kiosks: { kind: 'loading' },
    confirming: null,
    revoking: false,
    revokeProblem: null,
    revoked: null,
    async askCode() {
      if (get().pairing.kind === 'asking') return;
      set({ pairing: { kind: 'asking' } });
      const got = await client.call(ROUTES.pairingCode);
      const listed = get().kiosks;
      const knownKioskIds = listed.kind === 'ready' ? listed.kiosks.map((k) => k.id) : null;
      set({ pairing: got.ok ? { kind: 'shown', ...got.value, knownKioskIds } : { kind: 'failed', key: problemKey(got.error) } });
    },
    async loadFingerprint() {
      const got = await client.call(ROUTES.health);
      set({ fingerprint: got.ok && got.value.certificateFingerprint ? { kind: 'known', value: got.value.certificateFingerprint } : { kind: 'unknown' } });
    },
    async loadKiosks() {
      const got = await client.call(ROUTES.kiosks);
      // A failed refresh keeps the list shown (the page refreshes it while a code is shown).
      if (got.ok) set({ kiosks: { kind: 'ready', kiosks: kioskOrder(got.value.kiosks) } });
      else if (get().kiosks.kind !== 'ready') set({ kiosks: { kind: 'failed', key: problemKey(got.error) } });
    },
    askRevoke: (kiosk) => set({ confirming: kiosk, revokeProblem: null }),
    cancelRevoke: () => set({ confirming: null, revokeProblem: null }),
    async revoke() {
      const kiosk = get().confirming;
      if (!kiosk || get().revoking) return false;
      set({ revoking: true, revokeProblem: null });
      const done = await client.call(ROUTES.kioskRevoke, { params: { kioskId: kiosk.id } });
      if (!done.ok) { set({ revoking: false, revokeProblem: problemKey(done.error) }); return false; }
      // The list first, then the dialog closes: its button gone, the focus goes to the list's heading.
      await get().loadKiosks();
      set({ revoking: false, confirming: null, revoked: kiosk });
      return true;
    },
  }));
}
