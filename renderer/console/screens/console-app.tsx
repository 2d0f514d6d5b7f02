import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ApiClient } from '../../ui/api-client';
import { LanguageSwitch } from '../../ui/i18n/language-switch';
import { useTranslate } from '../../ui/i18n/locale-store';
import { DisplaySettings } from '../../ui/theme/display-settings';
import type { StationStatusState } from '../../ui/station/station-status-store';
import type { BoardHolder } from '../board/board-store';
import type { BoardLink } from '../board/link-state';
import { FinalisationPage } from '../finalisation/finalisation-page';
import type { ConsoleSessionState } from '../login/console-session-store';
import { ManagerArea } from '../manager/manager-area';
import { ConsoleNav, INVIGILATOR_NAV } from '../navigation/console-nav';
import { placeHash } from '../navigation/place';
import type { PlaceState } from '../navigation/place-store';
import { ResultsPage } from '../signing/results-page';
import { SigningPage } from '../signing/signing-page';
import { BoardScreen } from './board-screen';
import { LoginScreen } from './login-screen';

export interface ConsoleStores {
  client: ApiClient;
  session: StoreApi<ConsoleSessionState>;
  /** The board of the session logged in (main.tsx makes it when the login succeeds, drops it at logout). */
  board: StoreApi<BoardHolder>;
  station: StoreApi<StationStatusState>;
  link: StoreApi<BoardLink>;
  /** Which page (the address's fragment, navigation/place.ts). */
  place: StoreApi<PlaceState>;
}

/**
 * The console page: the app's name, the language and display settings, then the page the address names — the
 * centre manager's pages (`#/responsable…`), or the invigilator's: the login, then the board, the finalisation,
 * the signing and sending, the results.
 */
export function ConsoleApp({ stores }: { stores: ConsoleStores }) {
  const t = useTranslate();
  const screen = useStore(stores.session, (s) => s.screen);
  const board = useStore(stores.board, (s) => s.board);
  const { place, go } = useStore(stores.place);
  const { client } = stores;
  const loggedIn = place.area === 'invigilator' && screen.name === 'board' ? screen.session : null;
  return (
    <>
      <header className="screen-header">
        <p className="app-name">{t('console.title')}</p>
        <div className="screen-tools">
          <LanguageSwitch /><DisplaySettings />
          {place.area === 'manager'
            ? <a href={placeHash({ area: 'invigilator', page: 'board' })}>{t('nav.invigilatorLink')}</a>
            : screen.name === 'login' && <a href={placeHash({ area: 'manager', page: 'sessions' })}>{t('nav.managerLink')}</a>}
          {loggedIn && <button type="button" onClick={() => void stores.session.getState().logout()}>{t('console.logout')}</button>}
        </div>
      </header>
      {place.area === 'manager' && <ManagerArea client={client} place={place} go={go} />}
      {place.area === 'invigilator' && screen.name === 'loading' && <main className="screen-main"><p role="status">{t('console.loading')}</p></main>}
      {place.area === 'invigilator' && screen.name === 'login' && <LoginScreen store={stores.session} station={stores.station} />}
      {loggedIn && <ConsoleNav labelKey="nav.invigilator" entries={INVIGILATOR_NAV} current={place} />}
      {loggedIn && place.page === 'board' && board && <BoardScreen session={loggedIn} board={board} station={stores.station} link={stores.link} />}
      {loggedIn && place.page === 'finalisation' && <FinalisationPage key={loggedIn.id} client={client} session={loggedIn} go={go} />}
      {loggedIn && place.page === 'signing' && <SigningPage key={loggedIn.id} client={client} session={loggedIn} go={go} />}
      {loggedIn && place.page === 'results' && <ResultsPage key={loggedIn.id} client={client} session={loggedIn} go={go} />}
    </>
  );
}
