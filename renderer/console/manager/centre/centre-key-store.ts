import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../../shared/formats/routes';
import type { CentreKeyInfo } from '../../../../shared/formats/signing';
import type { ApiClient } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { keyImportProblems, keyImportRefusal, type KeyImportProblems } from './centre-key-facts';
import { fileBase64 } from './file-bytes';

/**
 * The centre certificate's store (docs/centre-api.md « centre-key »): the certificate the station holds (never its
 * key), and the import of the PKCS#12 with its password. The password is never kept after a try.
 */
export type KeyHeld = { kind: 'loading' } | { kind: 'none' } | { kind: 'held'; info: CentreKeyInfo } | { kind: 'failed'; key: MessageKey };

export type KeyImportStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: KeyImportProblems }
  | { kind: 'sending' }
  | { kind: 'imported'; info: CentreKeyInfo }
  | { kind: 'refused'; field: 'file' | 'password' | null; key: MessageKey };

export interface CentreKeyState {
  held: KeyHeld;
  file: File | null;
  password: string;
  status: KeyImportStatus;
  load(): Promise<void>;
  chooseFile(file: File | null): void;
  setPassword(password: string): void;
  send(): Promise<boolean>;
}

export function createCentreKeyStore(client: ApiClient): StoreApi<CentreKeyState> {
  return createStore<CentreKeyState>((set, get) => ({
    held: { kind: 'loading' },
    file: null,
    password: '',
    status: { kind: 'editing' },
    async load() {
      const got = await client.call(ROUTES.centreKey);
      if (!got.ok) set({ held: { kind: 'failed', key: keyImportRefusal(got.error).key } });
      else set({ held: got.value.key ? { kind: 'held', info: got.value.key } : { kind: 'none' } });
    },
    chooseFile: (file) => set({ file, status: { kind: 'editing' } }),
    setPassword: (password) => set({ password, status: get().status.kind === 'refused' || get().status.kind === 'invalid' ? get().status : { kind: 'editing' } }),
    async send() {
      const { file, password, status } = get();
      if (status.kind === 'sending') return false;
      const problems = keyImportProblems(file, password);
      if (!file || Object.keys(problems).length > 0) {
        set({ status: { kind: 'invalid', problems } });
        return false;
      }
      set({ status: { kind: 'sending' } });
      const sent = await client.call(ROUTES.centreKeyImport, { body: { pkcs12: await fileBase64(file), password } });
      // The password is emptied after every try: it is typed again, never left in the page.
      if (!sent.ok) {
        set({ status: { kind: 'refused', ...keyImportRefusal(sent.error) }, password: '' });
        return false;
      }
      set({ status: { kind: 'imported', info: sent.value }, held: { kind: 'held', info: sent.value }, file: null, password: '' });
      return true;
    },
  }));
}
