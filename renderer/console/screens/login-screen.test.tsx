import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../electron/centre/testing/test-harness';
import { createApiClient } from '../../ui/api-client';
import { localeStore } from '../../ui/i18n/locale-store';
import { createStationStatusStore } from '../../ui/station/station-status-store';
import { createConsoleSessionStore } from '../login/console-session-store';
import { LoginScreen } from './login-screen';
import { addConsoleWords } from '../i18n/console-words';
import { loadLocale } from '../../ui/i18n/translate';
import { fetchTrusting } from '../../../electron/centre/testing/fetch-trusting';

addConsoleWords(); // As console/main.tsx does: the console's own words.
beforeAll(() => loadLocale('en')); // English is chosen in this file: its chunk, loaded first.

// R-SESS-1 — « Connexion du surveillant » against a real centre server: errors in French by field, a wrong
// password refused without saying which of the two is wrong, then the right one opens the board.

let h: Harness;
let password: string;
beforeAll(async () => {
  h = await startHarness();
  const reset = await h.t.call('POST', `/api/manager/sessions/${h.sessionId}/invigilator-password`, { token: h.managerToken });
  password = reset.json.invigilatorPassword as string;
});
afterAll(async () => { await h?.close(); });
afterEach(() => cleanup());

describe('the invigilator login (jsdom, real station)', () => {
  it('names each empty field, refuses a wrong password, then logs in (case does not matter)', async () => {
    localeStore.getState().setLocale('fr');
    const client = createApiClient({ baseUrl: h.t.server.url, fetch: fetchTrusting(h.t.tls.certPem) });
    const store = createConsoleSessionStore(client);
    const station = createStationStatusStore(client);
    await station.getState().check();
    await store.getState().boot();
    expect(store.getState().screen.name).toBe('login');
    render(<LoginScreen store={store} station={station} />);
    expect(screen.getByRole('status').textContent).toBe('Poste du surveillant joignable');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Connexion du surveillant' }));

    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    const number = screen.getByRole('textbox', { name: 'Numéro de session' });
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(number.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(number.getAttribute('aria-describedby')!)!.textContent).toBe('Indiquez le numéro de session.');
    const passwordField = screen.getByLabelText('Mot de passe du surveillant');
    expect(passwordField.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('Indiquez le mot de passe du surveillant.');

    await userEvent.type(number, String(h.sessionNumber));
    await userEvent.type(passwordField, 'pas-le-bon');
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Numéro de session ou mot de passe incorrect : vérifiez les deux.'));

    await userEvent.clear(passwordField);
    await userEvent.type(passwordField, password.toLowerCase());
    await userEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(store.getState().screen).toMatchObject({ name: 'board', session: { id: h.sessionId } }));
  });
});
