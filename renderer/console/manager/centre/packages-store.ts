import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PackageSummary } from '../../../../shared/formats/centre-api';
import { ROUTES } from '../../../../shared/formats/routes';
import type { ApiClient } from '../../../ui/api-client';
import type { MessageKey } from '../../../ui/i18n/catalogue-fr';
import { fileBase64 } from './file-bytes';
import { importRefusalKey, platformListingOf, publishedKey, uploadProblems, type PlatformListing, type PlatformPackage, type UploadProblems } from './package-facts';

/**
 * The signed packages page's store (issue 10 §1): the packages imported on this station, the import of a file and
 * its signature, the platform's published packages and their downloads. Every answer of the station is kept as it
 * came; every refusal as a catalogue key.
 */
export type ImportedList = { kind: 'loading' } | { kind: 'ready'; packages: PackageSummary[] } | { kind: 'failed'; key: MessageKey };

export type UploadStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: UploadProblems }
  | { kind: 'sending' }
  | { kind: 'imported'; package: PackageSummary; created: boolean }
  | { kind: 'refused'; key: MessageKey; field: 'package' | 'signature' | null };

export type DownloadStatus =
  | { kind: 'sending' }
  | { kind: 'imported'; package: PackageSummary; created: boolean }
  | { kind: 'refused'; key: MessageKey };

export interface PackagesState {
  imported: ImportedList;
  packageFile: File | null;
  signatureFile: File | null;
  upload: UploadStatus;
  platform: PlatformListing | { kind: 'loading' };
  downloads: Record<string, DownloadStatus>;
  loadImported(): Promise<void>;
  loadPlatform(): Promise<void>;
  choosePackage(file: File | null): void;
  chooseSignature(file: File | null): void;
  /** Sends both files; true when imported. Nothing is sent while a file is missing. */
  sendUpload(): Promise<boolean>;
  download(published: PlatformPackage): Promise<boolean>;
}

export function createPackagesStore(client: ApiClient): StoreApi<PackagesState> {
  return createStore<PackagesState>((set, get) => {
    const refreshImported = async () => {
      const listed = await client.call(ROUTES.packages);
      set({ imported: listed.ok ? { kind: 'ready', packages: listed.value.packages } : { kind: 'failed', key: importRefusalKey(listed.error) } });
    };
    return {
      imported: { kind: 'loading' },
      packageFile: null,
      signatureFile: null,
      upload: { kind: 'editing' },
      platform: { kind: 'loading' },
      downloads: {},
      loadImported: refreshImported,
      async loadPlatform() {
        set({ platform: { kind: 'loading' } });
        const listed = await client.call(ROUTES.platformPackages);
        set({ platform: listed.ok ? { kind: 'ready', packages: listed.value.packages } : platformListingOf(listed.error) });
      },
      choosePackage: (file) => set({ packageFile: file, upload: { kind: 'editing' } }),
      chooseSignature: (file) => set({ signatureFile: file, upload: { kind: 'editing' } }),
      async sendUpload() {
        const { packageFile, signatureFile, upload } = get();
        if (upload.kind === 'sending') return false;
        const problems = uploadProblems(packageFile, signatureFile);
        if (!packageFile || !signatureFile || Object.keys(problems).length > 0) {
          set({ upload: { kind: 'invalid', problems } });
          return false;
        }
        set({ upload: { kind: 'sending' } });
        const body = { package: await fileBase64(packageFile), signature: await fileBase64(signatureFile) };
        const sent = await client.call(ROUTES.packageUpload, { body });
        if (!sent.ok) {
          const field = sent.error.kind === 'refused' && sent.error.error.code === 'packageRefused' ? (sent.error.error.field === 'package' ? 'package' : 'signature') : null;
          set({ upload: { kind: 'refused', key: importRefusalKey(sent.error), field } });
          return false;
        }
        set({ upload: { kind: 'imported', package: sent.value.package, created: sent.value.created }, packageFile: null, signatureFile: null });
        await refreshImported();
        return true;
      },
      async download(published) {
        const key = publishedKey(published);
        if (get().downloads[key]?.kind === 'sending') return false;
        const setStatus = (status: DownloadStatus) => set({ downloads: { ...get().downloads, [key]: status } });
        setStatus({ kind: 'sending' });
        const got = await client.call(ROUTES.platformPackageDownload, { body: { kind: published.kind, packageId: published.packageId, version: published.version } });
        if (!got.ok) {
          setStatus({ kind: 'refused', key: importRefusalKey(got.error) });
          return false;
        }
        setStatus({ kind: 'imported', package: got.value.package, created: got.value.created });
        await refreshImported();
        return true;
      },
    };
  });
}
