import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import type WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerToConsole } from '../../../shared/formats/live-messages';
import { ROSTER, startHarness, type Harness } from '../../../electron/centre/testing/test-harness';
import { createApiClient } from '../../ui/api-client';
import { localeStore } from '../../ui/i18n/locale-store';
import { createStationStatusStore } from '../../ui/station/station-status-store';
import { createStore } from 'zustand/vanilla';
import { createBoardStore, SOUND_STORAGE_KEY, type BoardState } from '../board/board-store';
import type { BoardLink } from '../board/link-state';
import { BoardScreen } from './board-screen';
import type { StoreApi } from 'zustand/vanilla';
import { addConsoleWords } from '../i18n/console-words';
import { loadLocale } from '../../ui/i18n/translate';
import { fetchTrusting } from '../../../electron/centre/testing/fetch-trusting';

addConsoleWords(); // As console/main.tsx does: the console's own words.
beforeAll(() => loadLocale('en')); // English is chosen in this file: its chunk, loaded first.

// Issue 10 §1 — the live board in jsdom against a REAL centre server (HTTPS on loopback, SQLite file), fed by the
// real console WebSocket: cards by role and name, the pupil needing an action first, the actions on the card
// (accessible names carry the pupil's name), the sound cue, the search, markup in names rendered as text.

const MARKUP_LAST = '<img src=x onerror="window.__pwned=1">Durand';
const MARKUP_FIRST = '<script>window.__pwned=1</script>Inès';

let h: Harness;
let socket: WebSocket;
let board: StoreApi<BoardState>;
const chime = vi.fn();

beforeAll(async () => {
  h = await startHarness({ roster: [...ROSTER.map((r) => r.input), { ...ROSTER[0]!.input, lastName: MARKUP_LAST, firstName: MARKUP_FIRST, externalId: 'INE-X', birthDate: '2010-04-04' }] });
  const client = createApiClient({ baseUrl: h.t.server.url, headers: () => ({ authorization: `Bearer ${h.invigilatorToken}` }), fetch: fetchTrusting(h.t.tls.certPem) });
  board = createBoardStore({ client, sessionId: h.sessionId, chime });
  socket = await h.t.socket('/api/console/live', h.invigilatorToken);
  socket.on('message', (data) => { act(() => board.getState().receive(ServerToConsole.parse(JSON.parse(String(data))))); });
  await waitFor(() => expect(board.getState().candidates).toHaveLength(8));
});
afterAll(async () => { socket?.close(); await h?.close(); });
afterEach(() => cleanup());

function mount() {
  localeStore.getState().setLocale('fr');
  const station = createStationStatusStore(createApiClient({ baseUrl: h.t.server.url, fetch: fetchTrusting(h.t.tls.certPem) }));
  const link = createStore<BoardLink>(() => ({ live: { kind: 'open', since: 0 }, wasOpen: true }));
  const session = { id: h.sessionId, number: h.sessionNumber, centre: 'Lycée Érable', room: 'B12' } as Parameters<typeof BoardScreen>[0]['session'];
  return { station, link, ...render(<BoardScreen session={session} board={board} station={station} link={link} />) };
}
const cards = () => within(screen.getByRole('region', { name: 'Candidats' })).getAllByRole('article');

describe('the live board (jsdom, real station)', () => {
  it('shows one card per pupil with the counters; names with markup are text', async () => {
    const { container } = mount();
    expect(screen.getByRole('heading', { level: 1, name: `Session n° ${h.sessionNumber}` })).toBeTruthy();
    expect(cards()).toHaveLength(8);
    const count = (term: string) => screen.getByText(term, { selector: 'dt' }).nextSibling!.textContent;
    expect([count('Présents'), count('En test'), count('Terminés'), count('Inscrits')]).toEqual(['0', '0', '0', '8']);
    // Markup in the roster is shown as typed: no element, nothing ran.
    expect(screen.getByRole('heading', { name: `${MARKUP_FIRST} ${MARKUP_LAST}` })).toBeTruthy();
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('a pupil who checks in comes first, « En attente de confirmation », with a chime; « Confirmer la présence de … » confirms', async () => {
    mount();
    const kiosk = await h.pairKiosk('Poste 7');
    chime.mockClear();
    expect((await h.checkIn(kiosk, 'Bernard')).status).toBe(200);
    await waitFor(() => expect(within(cards()[0]!).getByRole('heading').textContent).toBe('Léo Bernard'));
    const first = cards()[0]!;
    expect(within(first).getByText('Présence à confirmer')).toBeTruthy();
    expect(within(first).getByText('En attente de confirmation')).toBeTruthy();
    expect(within(first).getByText('Poste : Poste 7')).toBeTruthy();
    expect(screen.getByText('1 candidat attend votre action.')).toBeTruthy();
    expect(chime).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole('button', { name: 'Confirmer la présence de Léo Bernard' }));
    await waitFor(() => expect(screen.getByText('Présence confirmée, pas encore commencé')).toBeTruthy());
    // The button is gone with the state: the focus is on the card's heading, not lost on the page.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Léo Bernard' })));
    expect(screen.queryByRole('button', { name: 'Confirmer la présence de Léo Bernard' })).toBeNull();
    expect(screen.getByText('Aucun candidat n’attend votre action.')).toBeTruthy();

    // Muted: the next need is seen, not heard.
    await userEvent.click(screen.getByRole('button', { name: 'Son des alertes' }));
    expect(screen.getByRole('button', { name: 'Son des alertes' }).getAttribute('aria-pressed')).toBe('false');
    const kiosk2 = await h.pairKiosk('Poste 8');
    chime.mockClear();
    expect((await h.checkIn(kiosk2, 'Roux')).status).toBe(200);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Confirmer la présence de Adam Roux' })).toBeTruthy());
    expect(chime).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Son des alertes' }));
    expect(screen.getByRole('button', { name: 'Son des alertes' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the sound choice across a reload (one word in storage)', () => {
    const kept = new Map<string, string>();
    const storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => { kept.set(k, v); } };
    const client = createApiClient({ baseUrl: h.t.server.url, fetch: fetchTrusting(h.t.tls.certPem) });
    const first = createBoardStore({ client, sessionId: h.sessionId, chime, storage });
    first.getState().toggleMuted();
    expect(kept.get(SOUND_STORAGE_KEY)).toBe('off');
    expect(createBoardStore({ client, sessionId: h.sessionId, chime, storage }).getState().muted).toBe(true);
  });

  it('live: « Question i sur N », a suspension with its cause to lift, extra time, an incident on the question on screen, the end with confirmation', async () => {
    mount();
    const kiosk = await h.pairKiosk('Poste 9');
    const checkedIn = await h.checkIn(kiosk, 'Garnier');
    const entry = checkedIn.json.entryToken as string;
    await userEvent.click(await screen.findByRole('button', { name: 'Confirmer la présence de Lina Garnier' }));
    const started = await h.kiosk('POST', '/api/kiosk/start', kiosk, entry);
    expect(started.status).toBe(200);
    const challenges = started.json.challenges as { challengeId: string; focused?: boolean }[];
    const card = () => cards().find((c) => within(c).getByRole('heading').textContent === 'Lina Garnier')!;
    await waitFor(() => expect(within(card()).getByText(`Question 1 sur ${challenges.length}`)).toBeTruthy());

    // A focus loss on a focused challenge suspends (R-VAL-5): first on the board, with the cause.
    const focused = challenges.find((c) => c.focused)!;
    const event = await h.kiosk('POST', '/api/kiosk/events', kiosk, entry, { kind: 'focusLost', cause: 'fenêtre quittée (Alt+Tab)', at: new Date(h.t.now()).toISOString(), challengeId: focused.challengeId });
    expect(event.json.policy).toBe('suspend');
    await waitFor(() => expect(within(cards()[0]!).getByRole('heading').textContent).toBe('Lina Garnier'));
    expect(within(card()).getByText('Suspendu : fenêtre quittée (Alt+Tab)')).toBeTruthy();
    expect(within(card()).getByText('Suspension à lever')).toBeTruthy();
    // The cause once, in the state line; the last event says when (it said the cause a second time before).
    expect(card().textContent!.split('fenêtre quittée (Alt+Tab)')).toHaveLength(2);
    expect(within(card()).getByText(/^\d\d:\d\d — test suspendu$/)).toBeTruthy();
    // A pending need is never hidden by the search.
    await userEvent.type(screen.getByRole('searchbox', { name: 'Rechercher un candidat' }), 'ELOISE');
    expect(cards().map((c) => within(c).getByRole('heading').textContent)).toEqual(['Lina Garnier', 'Adam Roux', 'Éloïse Lefèvre']);
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Rechercher un candidat' }));
    await userEvent.click(within(card()).getByRole('button', { name: 'Autoriser la reprise de Lina Garnier' }));
    await waitFor(() => expect(within(card()).getByText(`Question 1 sur ${challenges.length}`)).toBeTruthy());
    expect(within(card()).getByText(/^\d\d:\d\d — suspension levée$/)).toBeTruthy();

    // Extra time (R-SESS-3): a dialog named after the pupil, a bad value refused in French, then 30 %.
    await userEvent.click(within(card()).getByRole('button', { name: 'Temps majoré de Lina Garnier' }));
    const extra = screen.getByRole('dialog', { name: 'Temps majoré de Lina Garnier' });
    const field = within(extra).getByRole('textbox', { name: /Temps majoré \(en %\)/ });
    await userEvent.clear(field);
    await userEvent.type(field, '1000');
    await userEvent.click(within(extra).getByRole('button', { name: 'Enregistrer le temps majoré' }));
    expect(within(extra).getByText('Indiquez un nombre entier de 0 à 999.')).toBeTruthy();
    await userEvent.clear(field);
    await userEvent.type(field, '30');
    await userEvent.click(within(extra).getByRole('button', { name: 'Enregistrer le temps majoré' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(card()).getByText('Temps majoré : 30 %')).toBeTruthy();
    await waitFor(() => expect(within(card()).getByText(/^\d\d:\d\d — temps majoré porté à 30 %$/)).toBeTruthy());
    expect(document.activeElement).toBe(within(card()).getByRole('button', { name: 'Temps majoré de Lina Garnier' }));

    // An incident (R-INC-1): an E-code names the question on the pupil's screen, prefilled.
    await userEvent.click(within(card()).getByRole('button', { name: 'Signaler un incident pour Lina Garnier' }));
    const dialog = screen.getByRole('dialog', { name: 'Signaler un incident pour Lina Garnier' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le signalement' }));
    expect(within(dialog).getByText('Choisissez une catégorie.')).toBeTruthy();
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Catégorie' }), 'E4');
    const question = await within(dialog).findByRole('combobox', { name: /Question concernée/ });
    await waitFor(() => expect((question as HTMLSelectElement).value).toBe(challenges[0]!.challengeId));
    expect(within(question).getByRole('option', { name: 'Question 1 (à l’écran)' })).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer le signalement' }));
    await waitFor(() => expect(screen.getByText('Signalement enregistré pour Lina Garnier.')).toBeTruthy());
    const incidents = await h.console('GET', '/incidents');
    expect(incidents.json.incidents).toEqual([expect.objectContaining({ category: 'E4', challengeId: challenges[0]!.challengeId, questionNumber: 1 })]);
    await waitFor(() => expect(within(card()).getByText(/^\d\d:\d\d — incident signalé sur la question 1 : Le site à visiter est indisponible$/)).toBeTruthy());

    // « Terminer le test » asks first; « Annuler » changes nothing.
    await userEvent.click(within(card()).getByRole('button', { name: 'Terminer le test de Lina Garnier' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Terminer le test de Lina Garnier' })).getByRole('button', { name: 'Annuler' }));
    expect(within(card()).getByText(/^Question 1 sur/)).toBeTruthy();
    await userEvent.click(within(card()).getByRole('button', { name: 'Terminer le test de Lina Garnier' }));
    await userEvent.click(screen.getByRole('button', { name: 'Oui, terminer le test de Lina Garnier' }));
    await waitFor(() => expect(within(card()).getByText('Test arrêté par le surveillant')).toBeTruthy());
    await waitFor(() => expect(document.activeElement).toBe(within(card()).getByRole('heading')));
    expect(screen.getByText('Terminés', { selector: 'dt' }).nextSibling!.textContent).toBe('1');
  });

  it('a refused action is worded on its card', async () => {
    mount();
    const id = h.candidates.get('Petit')!.id;
    expect(await board.getState().authoriseResume(id)).toBe(false);
    const card = cards().find((c) => within(c).getByRole('heading').textContent === 'Zoé Petit')!;
    await waitFor(() => expect(within(card).getByRole('alert').textContent).toMatch(/\S/));
  });

  it('R-SESS-4: the check-in alert the station pushes is shown above the cards and lifted from there', async () => {
    mount();
    // The station pushes the list with an alert after 60 refused check-ins in 10 minutes (as the hub sends it).
    const list = board.getState();
    act(() => list.receive({ type: 'candidates', sessionId: h.sessionId, sessionStatus: list.sessionStatus ?? 'created',
      checkInAlert: { code: 'checkInFailures', failures: 60, since: new Date(h.t.now()).toISOString() }, candidates: list.candidates }));
    const alert = screen.getAllByRole('alert').find((a) => a.classList.contains('check-in-alert'))!;
    expect(alert.textContent).toMatch(/^Alerte : 60 connexions de candidats refusées depuis \d\d:\d\d\./);
    await userEvent.click(screen.getByRole('button', { name: 'Lever l’alerte des connexions refusées' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Lever l’alerte des connexions refusées' })).toBeNull());
    expect(board.getState().checkInAlert).toBeNull();
  });

  it('speaks English too: the actions still carry the pupil’s name', () => {
    mount();
    const inFrench = screen.getAllByRole('button', { name: /^Temps majoré de / }).map((b) => b.getAttribute('aria-label')!.replace('Temps majoré de ', ''));
    act(() => localeStore.getState().setLocale('en'));
    expect(screen.getByRole('searchbox', { name: 'Find a candidate' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Extra time of / }).map((b) => b.getAttribute('aria-label')!.replace('Extra time of ', ''))).toEqual(inFrench);
    expect(inFrench).toContain('Marie Dupont');
    act(() => localeStore.getState().setLocale('fr'));
  });

  it('has no serious or critical axe violation', async () => {
    const { container } = mount();
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });
});
