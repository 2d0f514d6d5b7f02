import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionCreated } from '../../../../shared/formats/centre-api';
import { ROUTES } from '../../../../shared/formats/routes';
import type { Session } from '../../../../shared/formats/session';
import type { ApiClient, ClientError } from '../../../ui/api-client';
import { managerLoginRefusal, type Refusal } from './manager-login-form';
import { createSessionEditor, type SessionEditor } from './session-editor';
import { newSessionForm } from './session-form';

/**
 * The centre's sessions (the list page): each with its number of candidates, the form of a new session, and the
 * session just created with its invigilator password (R-SESS-1: shown this once, the station keeps only its hash).
 */
export type SessionList =
  | { kind: 'loading' }
  | { kind: 'loaded'; sessions: Session[]; candidates: Record<number, number | null> }
  | { kind: 'failed'; refusal: Refusal };

export interface SessionsListState {
  list: SessionList;
  creating: StoreApi<SessionEditor> | null;
  created: SessionCreated | null;
  load(): Promise<void>;
  startCreating(): void;
  cancelCreating(): void;
  dismissCreated(): void;
}

/** Newest date first, then the earliest start, then the number (a session's place does not move when edited). */
export function sessionOrder(a: Session, b: Session): number {
  return b.date.localeCompare(a.date) || a.startTime.localeCompare(b.startTime) || a.number - b.number;
}

export function createSessionsListStore(client: ApiClient, loginEnded: (error: ClientError) => boolean): StoreApi<SessionsListState> {
  return createStore<SessionsListState>((set, get) => ({
    list: { kind: 'loading' },
    creating: null,
    created: null,
    async load() {
      const answer = await client.call(ROUTES.sessions);
      if (!answer.ok) {
        if (!loginEnded(answer.error)) set({ list: { kind: 'failed', refusal: managerLoginRefusal(answer.error) } });
        return;
      }
      const sessions = [...answer.value.sessions].sort(sessionOrder);
      const counts = await Promise.all(sessions.map(async (s) => {
        const listed = await client.call(ROUTES.candidates, { params: { sessionId: s.id } });
        return [s.id, listed.ok ? listed.value.candidates.length : null] as const;
      }));
      set({ list: { kind: 'loaded', sessions, candidates: Object.fromEntries(counts) } });
    },
    startCreating() {
      const { list } = get();
      const known = list.kind === 'loaded' ? list.sessions : [];
      const editor = createSessionEditor<SessionCreated>({
        initial: newSessionForm(known),
        send: (body) => client.call(ROUTES.sessionCreate, { body }),
        others: () => { const l = get().list; return l.kind === 'loaded' ? l.sessions : []; },
        editingId: 0,
        loginEnded,
        onSaved: (created) => {
          set({ creating: null, created });
          void get().load();
        },
      });
      set({ creating: editor, created: null });
    },
    cancelCreating() { set({ creating: null }); },
    dismissCreated() { set({ created: null }); },
  }));
}
