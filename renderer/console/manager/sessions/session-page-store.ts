import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../../shared/formats/routes';
import type { Session } from '../../../../shared/formats/session';
import type { ApiClient, ClientError } from '../../../ui/api-client';
import { errorKey } from '../../../ui/i18n/translate';
import { managerLoginRefusal, type Refusal } from './manager-login-form';
import { createSessionEditor, type SessionEditor } from './session-editor';
import { sessionFormOf } from './session-form';

/**
 * One session's details (R-SESS-1): shown, edited, deleted (refused once passages are recorded: the station's
 * `inUse`, worded), and its invigilator password drawn again (shown once; the old one and its logins end).
 */
export type SessionDetails =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; refusal: Refusal }
  | { kind: 'loaded'; session: Session };

export type Step = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'sending' } | { kind: 'refused'; refusal: Refusal };
export type PasswordStep = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'sending' } | { kind: 'shown'; password: string } | { kind: 'refused'; refusal: Refusal };

export interface SessionPageState {
  details: SessionDetails;
  editing: StoreApi<SessionEditor> | null;
  /** Just saved: « Modifications enregistrées ». */
  saved: boolean;
  deletion: Step;
  password: PasswordStep;
  load(): Promise<void>;
  startEditing(): void;
  cancelEditing(): void;
  askDelete(): void;
  cancelDelete(): void;
  confirmDelete(): Promise<boolean>;
  askPassword(): void;
  cancelPassword(): void;
  newPassword(): Promise<void>;
  hidePassword(): void;
}

/** Why a deletion was refused, in plain words: passages recorded (`inUse`), the session finalised, or the code's sentence. */
export function deletionRefusal(error: ClientError): Refusal {
  if (error.kind !== 'refused') return managerLoginRefusal(error);
  if (error.error.code === 'inUse') return { key: 'sessions.deleteInUse' };
  if (error.error.code === 'sessionLocked') return { key: 'sessions.locked' };
  return { key: errorKey(error.error.code) };
}

export function createSessionPageStore(client: ApiClient, sessionId: number, loginEnded: (error: ClientError) => boolean): StoreApi<SessionPageState> {
  const params = { sessionId };
  return createStore<SessionPageState>((set, get) => ({
    details: { kind: 'loading' },
    editing: null,
    saved: false,
    deletion: { kind: 'idle' },
    password: { kind: 'idle' },
    async load() {
      const answer = await client.call(ROUTES.session, { params });
      if (answer.ok) { set({ details: { kind: 'loaded', session: answer.value.session } }); return; }
      if (loginEnded(answer.error)) return;
      set({ details: answer.error.kind === 'refused' && answer.error.status === 404 ? { kind: 'missing' } : { kind: 'failed', refusal: managerLoginRefusal(answer.error) } });
    },
    startEditing() {
      const { details } = get();
      if (details.kind !== 'loaded') return;
      let known: readonly Session[] = [];
      void client.call(ROUTES.sessions).then((listed) => { if (listed.ok) known = listed.value.sessions; });
      const editor = createSessionEditor({
        initial: sessionFormOf(details.session),
        send: (body) => client.call(ROUTES.sessionUpdate, { params, body }),
        // The duplicate is named from the centre's list, asked only when the station refuses.
        others: () => known,
        editingId: sessionId,
        loginEnded,
        onSaved: (answer) => set({ details: { kind: 'loaded', session: answer.session }, editing: null, saved: true }),
      });
      set({ editing: editor, saved: false });
    },
    cancelEditing() { set({ editing: null }); },
    askDelete() { set({ deletion: { kind: 'confirming' } }); },
    cancelDelete() { set({ deletion: { kind: 'idle' } }); },
    async confirmDelete() {
      if (get().deletion.kind === 'sending') return false;
      set({ deletion: { kind: 'sending' } });
      const answer = await client.call(ROUTES.sessionDelete, { params });
      if (answer.ok) { set({ deletion: { kind: 'idle' } }); return true; }
      if (loginEnded(answer.error)) return false;
      set({ deletion: { kind: 'refused', refusal: deletionRefusal(answer.error) } });
      return false;
    },
    askPassword() { set({ password: { kind: 'confirming' } }); },
    cancelPassword() { set({ password: { kind: 'idle' } }); },
    async newPassword() {
      if (get().password.kind === 'sending') return;
      set({ password: { kind: 'sending' } });
      const answer = await client.call(ROUTES.invigilatorPassword, { params });
      if (answer.ok) { set({ password: { kind: 'shown', password: answer.value.invigilatorPassword } }); return; }
      if (loginEnded(answer.error)) return;
      set({ password: { kind: 'refused', refusal: answer.error.kind === 'refused' && answer.error.error.code === 'sessionLocked' ? { key: 'sessions.locked' } : managerLoginRefusal(answer.error) } });
    },
    hidePassword() { set({ password: { kind: 'idle' } }); },
  }));
}
