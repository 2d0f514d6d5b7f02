import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../../shared/formats/routes';
import type { ApiClient } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { addressRefusalKey, readPlatformAddress } from './platform-address';

/** The platform's address (docs/delivery-api.md « /api/manager/platform »): what is saved, what is typed, the outcome. */
export type Saved = { kind: 'loading' } | { kind: 'ready'; platformUrl: string | null; updatedAt: string | null } | { kind: 'failed'; key: MessageKey };

export type AddressStatus = { kind: 'editing' } | { kind: 'invalid'; key: MessageKey } | { kind: 'sending' } | { kind: 'saved' } | { kind: 'refused'; key: MessageKey };

export interface PlatformAddressState {
  saved: Saved;
  typed: string;
  status: AddressStatus;
  load(): Promise<void>;
  type(text: string): void;
  save(): Promise<boolean>;
}

export function createPlatformAddressStore(client: ApiClient): StoreApi<PlatformAddressState> {
  return createStore<PlatformAddressState>((set, get) => ({
    saved: { kind: 'loading' },
    typed: '',
    status: { kind: 'editing' },
    async load() {
      const got = await client.call(ROUTES.platformSetting);
      if (!got.ok) { set({ saved: { kind: 'failed', key: addressRefusalKey(got.error) } }); return; }
      set({ saved: { kind: 'ready', ...got.value }, typed: get().typed === '' ? got.value.platformUrl ?? '' : get().typed });
    },
    type: (typed) => set({ typed, status: get().status.kind === 'invalid' ? get().status : { kind: 'editing' } }),
    async save() {
      if (get().status.kind === 'sending') return false;
      const read = readPlatformAddress(get().typed);
      if (!read.ok) { set({ status: { kind: 'invalid', key: read.key } }); return false; }
      set({ status: { kind: 'sending' } });
      const saved = await client.call(ROUTES.platformSettingChange, { body: { platformUrl: read.platformUrl } });
      if (!saved.ok) { set({ status: { kind: 'refused', key: addressRefusalKey(saved.error) } }); return false; }
      set({ status: { kind: 'saved' }, saved: { kind: 'ready', ...saved.value }, typed: saved.value.platformUrl ?? read.platformUrl });
      return true;
    },
  }));
}
