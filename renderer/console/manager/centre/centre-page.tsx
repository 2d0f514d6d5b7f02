import './centre.css';
import { useEffect, useState } from 'react';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedHeading } from '../../screens/focused-heading';
import type { PageProps } from '../../navigation/page-props';
import { createCentreKeyStore } from './centre-key-store';
import { CentreKeySection } from './centre-key-section';
import { createKiosksStore } from './kiosks-store';
import { KiosksSection } from './kiosks-section';
import { PairingSection } from './pairing-section';
import { createPlatformAddressStore } from './platform-address-store';
import { PlatformAddressSection } from './platform-address-section';

/** The centre (issue 10 §1): its certificate (PKCS#12), the platform's address, the pairing code and the kiosks. */
export function CentrePage({ client }: PageProps) {
  const t = useTranslate();
  const [stores] = useState(() => ({
    key: createCentreKeyStore(client), address: createPlatformAddressStore(client), kiosks: createKiosksStore(client),
  }));
  useEffect(() => {
    void stores.key.getState().load();
    void stores.address.getState().load();
    void stores.kiosks.getState().loadFingerprint();
    void stores.kiosks.getState().loadKiosks();
  }, [stores]);
  return (
    <main className="screen-main centre-area">
      <FocusedHeading>{t('centre.heading')}</FocusedHeading>
      {/* Pairing and the kiosks first (used before every session), then the centre's one-off settings. */}
      <PairingSection store={stores.kiosks} />
      <KiosksSection store={stores.kiosks} />
      <CentreKeySection store={stores.key} />
      <PlatformAddressSection store={stores.address} />
    </main>
  );
}
