import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../i18n/locale-store';
import type { StationStatusState } from './station-status-store';

/** The station's reachability as text, announced politely to screen readers (role=status). */
export function StationStatusView({ store }: { store: StoreApi<StationStatusState> }) {
  const t = useTranslate();
  const status = useStore(store, (s) => s.status);
  const check = useStore(store, (s) => s.check);
  const state = status.kind === 'checking' ? t('station.checking') : status.kind === 'reachable' ? t('station.reachable') : t('station.unreachable');
  return (
    <section className="station-status" data-state={status.kind}>
      <p role="status" className="state">{state}</p>
      {status.kind !== 'checking' && <p className="detail">{t('station.checkedAt', { time: new Date(status.checkedAt) })}</p>}
      <button type="button" onClick={() => void check()}>{t('station.checkAgain')}</button>
    </section>
  );
}
