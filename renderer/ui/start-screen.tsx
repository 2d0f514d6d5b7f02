import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api-client';
import type { MessageKey } from './i18n/catalogue-fr';
import { bindHtmlLang, localeStore } from './i18n/locale-store';
import { translate } from './i18n/translate';
import { ScreenShell } from './screen-shell';
import { createStationStatusStore, pollStationStatus } from './station/station-status-store';

/** Boots one screen: the stores, `<html lang>` and the document title following the locale, the station poll. */
export function startScreen({ titleKey, introKey }: { titleKey: MessageKey; introKey: MessageKey }): void {
  bindHtmlLang();
  const setTitle = () => { document.title = translate(localeStore.getState().locale, titleKey); };
  setTitle();
  localeStore.subscribe(setTitle);
  const station = createStationStatusStore(createApiClient());
  pollStationStatus(station);
  const root = document.getElementById('root');
  if (!root) throw new Error('élément #root absent de la page');
  createRoot(root).render(<StrictMode><ScreenShell titleKey={titleKey} introKey={introKey} station={station} /></StrictMode>);
}
