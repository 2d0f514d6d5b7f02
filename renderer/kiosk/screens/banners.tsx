import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { StationStatusState } from '../../ui/station/station-status-store';
import { outboxBanner, type OutboxState } from '../answers/outbox';
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

/**
 * The answers kept on this computer (the outbox's banner state): calm while the station is away; answers set aside.
 * « Continuez votre test » only while the pupil is answering (`answering`): on « Appelez le surveillant » or a
 * suspension it would contradict the screen (seen in the outage proof, e2e/kiosk-outage.spec.ts).
 */
export function AnswersBanner({ outbox, answering }: { outbox: StoreApi<OutboxState> | null; answering: boolean }) {
  if (!outbox) return <div role="status" className="banner-slot" />;
  return <AnswersBannerOf outbox={outbox} answering={answering} />;
}

function AnswersBannerOf({ outbox, answering }: { outbox: StoreApi<OutboxState>; answering: boolean }) {
  const t = useTranslate();
  const banner = outboxBanner(useStore(outbox));
  return (
    <div role="status" className="banner-slot">
      {banner.kind === 'keptHere' && <p className="banner banner-station">{t(answering ? 'banner.answersKeptHere' : 'banner.answersKeptHereWaiting')}</p>}
      {banner.kind === 'setAside' && <p className="banner banner-station">{t('banner.answersSetAside', { count: banner.count })}</p>}
    </div>
  );
}
