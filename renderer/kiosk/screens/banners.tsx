import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { StationStatusState } from '../../ui/station/station-status-store';
import { stationUnreachable, type LinkState } from '../flow/connectivity';

/** The station does not answer (health check or kiosk socket): calm, announced politely. */
export function StationBanner({ station, link }: { station: StoreApi<StationStatusState>; link: StoreApi<LinkState> }) {
  const t = useTranslate();
  const health = useStore(station, (s) => s.status);
  const { live, wasOpen } = useStore(link);
  const show = stationUnreachable(health, live, wasOpen);
  return (
    <div role="status" className="banner-slot">
      {show && <p className="banner banner-station">{t('banner.stationUnreachable')}</p>}
    </div>
  );
}

/** The page runs outside the kiosk shell (no bridge): only allowed in demo mode, and said so. */
export function DemoBanner({ outsideShell }: { outsideShell: boolean }) {
  const t = useTranslate();
  if (!outsideShell) return null;
  return <p className="banner banner-demo">{t('banner.demoMode')}</p>;
}
