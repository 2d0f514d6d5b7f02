import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Session } from '../../../shared/formats/session';
import { ROUTES } from '../../../shared/formats/routes';
import type { ApiClient } from '../../ui/api-client';
import { EMPTY_LOGIN, loginRefusal, readLogin, type LoginFields, type LoginProblem } from './login-form';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * Who is at the console: nobody yet (the login form), or the invigilator of one session (the board). The login
 * sets the station's HttpOnly cookie; a reload asks `GET /api/console/session` whether it still holds.
 */
export type ConsoleScreen =
  | { name: 'loading' }
  | { name: 'login' }
  | { name: 'board'; session: Session };

export type LoginStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: LoginProblem[] }
  | { kind: 'sending' }
  | { kind: 'refused'; key: MessageKey };

export interface ConsoleSessionState {
  screen: ConsoleScreen;
  fields: LoginFields;
  status: LoginStatus;
  boot(): Promise<void>;
  edit(field: keyof LoginFields, value: string): void;
  submit(): Promise<void>;
  /** The socket closed for good (4401, 4403) or the invigilator logs out: back to the form. */
  loggedOut(): void;
  logout(): Promise<void>;
}

export function createConsoleSessionStore(client: ApiClient): StoreApi<ConsoleSessionState> {
  return createStore<ConsoleSessionState>((set, get) => ({
    screen: { name: 'loading' },
    fields: EMPTY_LOGIN,
    status: { kind: 'editing' },
    async boot() {
      const answer = await client.call(ROUTES.invigilatorSession);
      set({ screen: answer.ok ? { name: 'board', session: answer.value.session } : { name: 'login' } });
    },
    edit(field, value) { set({ fields: { ...get().fields, [field]: value } }); },
    async submit() {
      if (get().status.kind === 'sending') return;
      const body = readLogin(get().fields);
      if (!body.ok) { set({ status: { kind: 'invalid', problems: body.problems } }); return; }
      set({ status: { kind: 'sending' } });
      const answer = await client.call(ROUTES.invigilatorLogin, { body: body.value });
      if (!answer.ok) { set({ status: { kind: 'refused', key: loginRefusal(answer.error) } }); return; }
      set({ status: { kind: 'editing' }, fields: EMPTY_LOGIN, screen: { name: 'board', session: answer.value.session } });
    },
    loggedOut() { set({ screen: { name: 'login' }, status: { kind: 'editing' } }); },
    async logout() {
      await client.call(ROUTES.invigilatorLogout);
      get().loggedOut();
    },
  }));
}
