import { createStore, type StoreApi } from 'zustand/vanilla';
import { PAIRING_CODE_LENGTH } from '../../../shared/formats/centre-api';
import { KIOSK_ROUTES } from '../../../shared/formats/kiosk-routes';
import { err, ok, type Result } from '../../../shared/result';
import type { ApiClient } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey } from '../../ui/i18n/translate';

/**
 * Pairing this kiosk with the station (docs/centre-api.md, `POST /api/kiosk/pair`): the station's certificate
 * fingerprint is shown first (from `/api/health`) so that the invigilator can compare it with the console's;
 * on success the station sets the device cookie (HttpOnly: the page never holds the device token).
 */
export type Fingerprint = { kind: 'loading' } | { kind: 'known'; value: string } | { kind: 'unknown' };

export interface PairingFields { name: string; code: string }
export type PairingField = keyof PairingFields;

export type PairingStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: { field: PairingField; key: MessageKey }[] }
  | { kind: 'sending' }
  | { kind: 'refused'; key: MessageKey };

export interface PairingState {
  fingerprint: Fingerprint;
  fields: PairingFields;
  status: PairingStatus;
  loadFingerprint(): Promise<void>;
  edit(field: PairingField, value: string): void;
  submit(): Promise<void>;
}

/** Pure: the pairing body, or what to fix (name first, as in the form). Only digits are kept from the code. */
export function readPairing(fields: PairingFields): Result<{ code: string; name: string }, { field: PairingField; key: MessageKey }[]> {
  const problems: { field: PairingField; key: MessageKey }[] = [];
  const name = fields.name.trim();
  if (name === '') problems.push({ field: 'name', key: 'pairing.nameMissing' });
  const code = fields.code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`).test(code)) problems.push({ field: 'code', key: 'pairing.codeInvalid' });
  return problems.length > 0 ? err(problems) : ok({ code, name });
}

export function createPairingStore(client: ApiClient, onPaired: () => void): StoreApi<PairingState> {
  return createStore<PairingState>((set, get) => ({
    fingerprint: { kind: 'loading' },
    fields: { name: '', code: '' },
    status: { kind: 'editing' },
    async loadFingerprint() {
      const health = await client.call(KIOSK_ROUTES.health);
      set({ fingerprint: health.ok && health.value.certificateFingerprint ? { kind: 'known', value: health.value.certificateFingerprint } : { kind: 'unknown' } });
    },
    edit(field, value) {
      set({ fields: { ...get().fields, [field]: value } });
    },
    async submit() {
      if (get().status.kind === 'sending') return;
      const body = readPairing(get().fields);
      if (!body.ok) {
        set({ status: { kind: 'invalid', problems: body.error } });
        return;
      }
      set({ status: { kind: 'sending' } });
      const paired = await client.call(KIOSK_ROUTES.kioskPair, { body: body.value });
      if (paired.ok) {
        set({ status: { kind: 'editing' }, fields: { name: '', code: '' } });
        onPaired();
        return;
      }
      set({ status: { kind: 'refused', key: paired.error.kind === 'refused' ? errorKey(paired.error.error.code) : `client.${paired.error.kind}` } });
    },
  }));
}
