import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../../shared/formats/routes';
import type { ApiClient, ClientError } from '../../../ui/api-client';
import {
  EMPTY_MANAGER_LOGIN, EMPTY_PASSWORD_CHANGE, loginEnded, managerLoginRefusal, passwordChangeRefusal, readManagerLogin, readPasswordChange,
  type FormProblem, type ManagerLoginFields, type PasswordChangeField, type PasswordChangeFields, type Refusal,
} from './manager-login-form';

/**
 * Whether the station holds the centre manager's login (its HttpOnly `passation_manager` cookie, which the page
 * cannot read): asked with `GET /api/manager/sessions` — 200 the login holds, 401 it does not. Then the login
 * form, the logout, and the password change (which ends every other manager login and gives this page a new one).
 */
export type ManagerScreen = { name: 'loading' } | { name: 'login' } | { name: 'in' };

export type FormStatus<F extends string> =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: FormProblem<F>[] }
  | { kind: 'sending' }
  | { kind: 'refused'; refusal: Refusal; field: F | null };

export interface ManagerLoginState {
  screen: ManagerScreen;
  fields: ManagerLoginFields;
  status: FormStatus<'password'>;
  /** Why the form is shown again (the login ended while a page was open), or null. */
  ended: boolean;
  passwordChange: { open: boolean; fields: PasswordChangeFields; status: FormStatus<PasswordChangeField>; done: boolean };
  boot(): Promise<void>;
  /** Asks the station again, quietly (when the page changes): a login ended elsewhere shows the form. */
  recheck(): Promise<void>;
  edit(value: string): void;
  submit(): Promise<void>;
  logout(): Promise<void>;
  /** A page's call was refused because the login is gone: back to the form, saying so. */
  refusedBecauseLoggedOut(error: ClientError): boolean;
  openPasswordChange(open: boolean): void;
  editPasswordChange(field: keyof PasswordChangeFields, value: string): void;
  submitPasswordChange(): Promise<void>;
}

const CLOSED_CHANGE = { open: false, fields: EMPTY_PASSWORD_CHANGE, status: { kind: 'editing' } as const, done: false };

export function createManagerLoginStore(client: ApiClient): StoreApi<ManagerLoginState> {
  return createStore<ManagerLoginState>((set, get) => ({
    screen: { name: 'loading' },
    fields: EMPTY_MANAGER_LOGIN,
    status: { kind: 'editing' },
    ended: false,
    passwordChange: CLOSED_CHANGE,
    async boot() {
      const answer = await client.call(ROUTES.sessions);
      if (answer.ok) { set({ screen: { name: 'in' } }); return; }
      set({
        screen: { name: 'login' },
        status: loginEnded(answer.error) ? { kind: 'editing' } : { kind: 'refused', refusal: managerLoginRefusal(answer.error), field: null },
      });
    },
    async recheck() {
      if (get().screen.name !== 'in') return;
      const answer = await client.call(ROUTES.sessions);
      if (!answer.ok) get().refusedBecauseLoggedOut(answer.error);
    },
    edit(value) { set({ fields: { password: value } }); },
    async submit() {
      if (get().status.kind === 'sending') return;
      const body = readManagerLogin(get().fields);
      if (!body.ok) { set({ status: { kind: 'invalid', problems: body.problems } }); return; }
      set({ status: { kind: 'sending' } });
      const answer = await client.call(ROUTES.managerLogin, { body: body.value });
      // The password is never kept in the page once sent, whatever the answer.
      if (!answer.ok) { set({ fields: EMPTY_MANAGER_LOGIN, status: { kind: 'refused', refusal: managerLoginRefusal(answer.error), field: 'password' } }); return; }
      set({ fields: EMPTY_MANAGER_LOGIN, status: { kind: 'editing' }, ended: false, screen: { name: 'in' } });
    },
    async logout() {
      await client.call(ROUTES.managerLogout);
      set({ screen: { name: 'login' }, status: { kind: 'editing' }, ended: false, passwordChange: CLOSED_CHANGE });
    },
    refusedBecauseLoggedOut(error) {
      if (!loginEnded(error)) return false;
      set({ screen: { name: 'login' }, status: { kind: 'editing' }, ended: true, passwordChange: CLOSED_CHANGE });
      return true;
    },
    openPasswordChange(open) { set({ passwordChange: { ...CLOSED_CHANGE, open } }); },
    editPasswordChange(field, value) {
      const change = get().passwordChange;
      set({ passwordChange: { ...change, fields: { ...change.fields, [field]: value } } });
    },
    async submitPasswordChange() {
      const change = get().passwordChange;
      if (change.status.kind === 'sending') return;
      const body = readPasswordChange(change.fields);
      if (!body.ok) { set({ passwordChange: { ...change, status: { kind: 'invalid', problems: body.problems } } }); return; }
      set({ passwordChange: { ...change, status: { kind: 'sending' } } });
      const answer = await client.call(ROUTES.managerPassword, { body: body.value });
      if (!answer.ok) {
        if (get().refusedBecauseLoggedOut(answer.error)) return;
        const { field, refusal } = passwordChangeRefusal(answer.error);
        set({ passwordChange: { ...get().passwordChange, fields: EMPTY_PASSWORD_CHANGE, status: { kind: 'refused', refusal, field } } });
        return;
      }
      set({ passwordChange: { open: true, fields: EMPTY_PASSWORD_CHANGE, status: { kind: 'editing' }, done: true } });
    },
  }));
}
