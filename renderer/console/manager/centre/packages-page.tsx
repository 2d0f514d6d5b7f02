import './centre.css';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedHeading } from '../../screens/focused-heading';
import type { PageProps } from '../../navigation/page-props';
import { createPackagesStore } from './packages-store';
import { ImportedPackages } from './imported-packages';
import { PackageUploadForm } from './package-upload-form';
import { PlatformPackages } from './platform-packages';

/** The signed packages (issue 10 §1): those imported, the import of a file, the download from the platform. */
export function PackagesPage({ client }: PageProps) {
  const t = useTranslate();
  const [store] = useState(() => createPackagesStore(client));
  const imported = useStore(store, (s) => s.imported);
  useEffect(() => {
    void store.getState().loadImported();
    void store.getState().loadPlatform();
  }, [store]);
  return (
    <main className="screen-main centre-area">
      <FocusedHeading>{t('centre.packagesHeading')}</FocusedHeading>
      <p>{t('centre.packagesIntro')}</p>
      <ImportedPackages imported={imported} />
      <PackageUploadForm store={store} />
      <PlatformPackages store={store} />
    </main>
  );
}
