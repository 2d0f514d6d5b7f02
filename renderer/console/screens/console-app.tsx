import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { LanguageSwitch } from '../../ui/i18n/language-switch';
import { useTranslate } from '../../ui/i18n/locale-store';
import { DisplaySettings } from '../../ui/theme/display-settings';
import type { StationStatusState } from '../../ui/station/station-status-store';
import type { BoardHolder } from '../board/board-store';
import type { BoardLink } from '../board/link-state';
import type { ConsoleSessionState } from '../login/console-session-store';
import { BoardScreen } from './board-screen';
import { LoginScreen } from './login-screen';

export interface ConsoleStores {
  session: StoreApi<ConsoleSessionState>;
  /** The board of the session logged in (main.tsx makes it when the login succeeds, drops it at logout). */
  board: StoreApi<BoardHolder>;
  station: StoreApi<StationStatusState>;
  link: StoreApi<BoardLink>;
}

/** The console page: the app's name, the language and display settings, then the login or the board. */
export function ConsoleApp({ stores }: { stores: ConsoleStores }) {
  const t = useTranslate();
  const screen = useStore(stores.session, (s) => s.screen);
  const board = useStore(stores.board, (s) => s.board);
  return (
    <>
      <header className="screen-header">
        <p className="app-name">{t('console.title')}</p>
        <div className="screen-tools">
          <LanguageSwitch /><DisplaySettings />
          {screen.name === 'board' && <button type="button" onClick={() => void stores.session.getState().logout()}>{t('console.logout')}</button>}
        </div>
      </header>
      {screen.name === 'loading' && <main className="screen-main"><p role="status">{t('console.loading')}</p></main>}
      {screen.name === 'login' && <LoginScreen store={stores.session} station={stores.station} />}
      {screen.name === 'board' && board && <BoardScreen session={screen.session} board={board} station={stores.station} link={stores.link} />}
    </>
  );
}
