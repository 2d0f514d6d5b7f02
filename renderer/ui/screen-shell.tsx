import type { StoreApi } from 'zustand/vanilla';
import type { MessageKey } from './i18n/catalogue-fr';
import { LanguageSwitch } from './i18n/language-switch';
import { useTranslate } from './i18n/locale-store';
import { DisplaySettings } from './theme/display-settings';
import type { StationStatusState } from './station/station-status-store';
import { StationStatusView } from './station/station-status-view';

/** The frame of both screens: the title, the language switch, one sentence, the station's reachability. */
export function ScreenShell({ titleKey, introKey, station }: { titleKey: MessageKey; introKey: MessageKey; station: StoreApi<StationStatusState> }) {
  const t = useTranslate();
  return (
    <>
      <header className="screen-header">
        <h1>{t(titleKey)}</h1>
        <div className="screen-tools"><LanguageSwitch /><DisplaySettings /></div>
      </header>
      <main className="screen-main">
        <p>{t(introKey)}</p>
        <StationStatusView store={station} />
      </main>
    </>
  );
}
