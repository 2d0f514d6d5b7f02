import '../ui/zod-without-eval';
import '../ui/theme/screen.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStore } from 'zustand/vanilla';
import type { ConsoleToServer } from '../../shared/formats/live-messages';
import { createApiClient } from '../ui/api-client';
import { bindHtmlLang, localeStore } from '../ui/i18n/locale-store';
import { translate } from '../ui/i18n/translate';
import type { LiveConnection } from '../ui/live-connection';
import { openConsoleLive } from '../ui/console-live';
import { createStationStatusStore, pollStationStatus } from '../ui/station/station-status-store';
import { displayStore } from '../ui/theme/display-store';
import { createBoardStore, type BoardHolder } from './board/board-store';
import { createChime } from './board/chime';
import { boardLinkAfter, type BoardLink } from './board/link-state';
import { addConsoleWords } from './i18n/console-words';
import { createConsoleSessionStore } from './login/console-session-store';
import { INVIGILATOR_NAV, MANAGER_NAV } from './navigation/console-nav';
import { samePlace } from './navigation/place';
import { createPlaceStore } from './navigation/place-store';
import { ConsoleApp } from './screens/console-app';

// The console page's wiring (issue 10 §1): the login, then the session's board fed by the console socket, which
// reconnects by itself; the station's health for the banner; the title following the language.
addConsoleWords(); // Before anything renders: the console's own words, out of the kiosk's bundle.
bindHtmlLang();
displayStore();
const client = createApiClient();
const place = createPlaceStore(window);
const session = createConsoleSessionStore(client);
const station = createStationStatusStore(client);
pollStationStatus(station, 10_000);
const link = createStore<BoardLink>(() => ({ live: null, wasOpen: false }));
const holder = createStore<BoardHolder>(() => ({ board: null }));
const chime = createChime();

let live: LiveConnection<ConsoleToServer> | null = null;
let watching: number | null = null;

function watch(sessionId: number): void {
  if (watching === sessionId) return;
  stopWatching();
  watching = sessionId;
  const board = createBoardStore({ client, sessionId, chime, storage: localStorage });
  holder.setState({ board });
  // The socket sends the whole list on connection (and after each reconnection), then each change.
  // The session is named even for its invigilator: a browser that also holds the manager's cookie (the manager
  // prepared the session on this computer) is taken for the manager by the socket, who must name the session.
  live = openConsoleLive(location, sessionId, (message) => board.getState().receive(message));
  live.state.subscribe((s) => {
    link.setState(boardLinkAfter(link.getState(), s.status));
    // 4401 expired, 4403 revoked (logout, password reset): back to the login form.
    if (s.status.kind === 'stopped' && s.status.closeCode !== null) session.getState().loggedOut();
  });
  void board.getState().load();
}

function stopWatching(): void {
  live?.stop();
  live = null;
  watching = null;
  holder.setState({ board: null });
  link.setState({ live: null, wasOpen: false });
}

session.subscribe((state) => {
  if (state.screen.name === 'board') watch(state.screen.session.id);
  else if (watching !== null) stopWatching();
});

// The title names the page, then the session when one is open: « Finalisation — Session n° 12 — Passation — … ».
const setTitle = () => {
  const { screen } = session.getState();
  const here = place.getState().place;
  const locale = localeStore.getState().locale;
  const parts = [translate(locale, 'console.title')];
  if (here.area === 'manager') {
    const page = MANAGER_NAV.find((e) => samePlace(e.place, here.page === 'session' ? { area: 'manager', page: 'sessions' } : here));
    parts.unshift(translate(locale, 'nav.manager'));
    if (page) parts.unshift(translate(locale, page.label));
  } else if (screen.name === 'board') {
    parts.unshift(translate(locale, 'board.heading', { number: screen.session.number }));
    const page = INVIGILATOR_NAV.find((e) => samePlace(e.place, here));
    if (page && here.page !== 'board') parts.unshift(translate(locale, page.label));
  }
  document.title = parts.join(' — ');
};
setTitle();
localeStore.subscribe(setTitle);
session.subscribe(setTitle);
place.subscribe(setTitle);
void session.getState().boot();

const root = document.getElementById('root');
if (!root) throw new Error('élément #root absent de la page');
createRoot(root).render(<StrictMode><ConsoleApp stores={{ client, session, board: holder, station, link, place }} /></StrictMode>);
