import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Result } from '../../../../shared/result';
import type { Session, SessionInput } from '../../../../shared/formats/session';
import type { ClientError } from '../../../ui/api-client';
import type { FormProblem, Refusal } from './manager-login-form';
import { readSessionForm, sameSlotAs, sessionRefusal, type SessionField, type SessionFormFields } from './session-form';

/**
 * One session's form (creation on the list, editing on its page): the fields, their problems, the station's
 * refusal (R-SESS-1: the duplicate named). `send` is the call (create or update).
 */
export type SessionFormStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: FormProblem<SessionField>[] }
  | { kind: 'sending' }
  | { kind: 'refused'; refusal: Refusal; problems: FormProblem<SessionField>[] };

export interface SessionEditor {
  fields: SessionFormFields;
  status: SessionFormStatus;
  edit(field: SessionField, value: string): void;
  /** True once the station accepted it. */
  submit(): Promise<boolean>;
}

export interface SessionEditorOptions<T> {
  initial: SessionFormFields;
  send(body: SessionInput): Promise<Result<T, ClientError>>;
  /** The sessions known, to name the one a duplicate clashes with. */
  others(): readonly Session[];
  /** Which session is edited (0 for a new one): it is not its own duplicate. */
  editingId: number;
  /** The login ended (the gate shows the login form again): true when it did. */
  loginEnded(error: ClientError): boolean;
  /** The answer, once accepted (the creation's invigilator password is in it). */
  onSaved(answer: T): void;
}

export function createSessionEditor<T>(options: SessionEditorOptions<T>): StoreApi<SessionEditor> {
  return createStore<SessionEditor>((set, get) => ({
    fields: options.initial,
    status: { kind: 'editing' },
    edit(field, value) { set({ fields: { ...get().fields, [field]: value } }); },
    async submit() {
      if (get().status.kind === 'sending') return false;
      const body = readSessionForm(get().fields);
      if (!body.ok) { set({ status: { kind: 'invalid', problems: body.problems } }); return false; }
      set({ status: { kind: 'sending' } });
      const answer = await options.send(body.value);
      if (!answer.ok) {
        if (options.loginEnded(answer.error)) return false;
        const { refusal, problems } = sessionRefusal(answer.error, sameSlotAs(options.others(), body.value, options.editingId));
        set({ status: { kind: 'refused', refusal, problems } });
        return false;
      }
      set({ status: { kind: 'editing' } });
      options.onSaved(answer.value);
      return true;
    },
  }));
}
