import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../../shared/formats/routes';
import type { Candidate } from '../../../../shared/formats/session';
import type { ApiClient, ClientError } from '../../../ui/api-client';
import { errorKey } from '../../../ui/i18n/translate';
import { candidateFormOf, candidateRefusal, EMPTY_CANDIDATE_FORM, readCandidateForm, type CandidateField, type CandidateFormFields } from './candidate-form';
import { managerLoginRefusal, type FormProblem, type Refusal } from './manager-login-form';
import { rosterFileProblem, rosterOutcome, type BadRow } from './roster-report';

/**
 * A session's candidates (R-SESS-3): the list, one added, edited or removed, and a roster file imported all at
 * once — a bad file gives every bad row and imports nothing.
 */
export type CandidateList = { kind: 'loading' } | { kind: 'failed'; refusal: Refusal } | { kind: 'loaded'; candidates: Candidate[] };

export type CandidateFormStatus =
  | { kind: 'editing' }
  | { kind: 'invalid'; problems: FormProblem<CandidateField>[] }
  | { kind: 'sending' }
  | { kind: 'refused'; refusal: Refusal; problems: FormProblem<CandidateField>[] };

export type CandidateEditor = { mode: 'add' } | { mode: 'edit'; candidate: Candidate };

export type Removal =
  | { kind: 'confirming'; candidate: Candidate }
  | { kind: 'sending'; candidate: Candidate }
  | { kind: 'refused'; candidate: Candidate; refusal: Refusal };

export type RosterImport =
  | { kind: 'idle' }
  | { kind: 'sending'; fileName: string }
  | { kind: 'imported'; fileName: string; count: number }
  | { kind: 'badRows'; fileName: string; rows: BadRow[] }
  | { kind: 'refused'; fileName: string; refusal: Refusal };

/** What the import needs of the chosen file (the browser's `File`). */
export interface RosterFile { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> }

export interface CandidatesState {
  list: CandidateList;
  editor: CandidateEditor | null;
  fields: CandidateFormFields;
  status: CandidateFormStatus;
  /** The last change, said once: « Léa Martin a été ajoutée. » */
  done: { key: 'sessions.candidate.added' | 'sessions.candidate.updated' | 'sessions.candidate.removed'; name: string } | null;
  removal: Removal | null;
  roster: RosterImport;
  load(): Promise<void>;
  startAdding(): void;
  startEditing(candidate: Candidate, locale: string): void;
  edit<K extends keyof CandidateFormFields>(field: K, value: CandidateFormFields[K]): void;
  submit(): Promise<boolean>;
  cancel(): void;
  askRemove(candidate: Candidate): void;
  cancelRemove(): void;
  confirmRemove(): Promise<void>;
  importRoster(file: RosterFile): Promise<void>;
}

/** By last name then first name, as the school's lists read (French collation: accents after their letter). */
const collator = new Intl.Collator('fr', { sensitivity: 'base' });
export function candidateOrder(a: Candidate, b: Candidate): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || a.id - b.id;
}

export function createCandidatesStore(client: ApiClient, sessionId: number, loginEnded: (error: ClientError) => boolean): StoreApi<CandidatesState> {
  const params = { sessionId };
  const refusalOf = (error: ClientError): Refusal =>
    error.kind === 'refused' && error.error.code === 'inUse' ? { key: 'sessions.candidate.removeInUse' }
      : error.kind === 'refused' && error.error.code === 'sessionLocked' ? { key: 'sessions.locked' }
        : error.kind === 'refused' ? { key: errorKey(error.error.code) } : managerLoginRefusal(error);
  return createStore<CandidatesState>((set, get) => ({
    list: { kind: 'loading' },
    editor: null,
    fields: EMPTY_CANDIDATE_FORM,
    status: { kind: 'editing' },
    done: null,
    removal: null,
    roster: { kind: 'idle' },
    async load() {
      const answer = await client.call(ROUTES.candidates, { params });
      if (answer.ok) { set({ list: { kind: 'loaded', candidates: [...answer.value.candidates].sort(candidateOrder) } }); return; }
      if (!loginEnded(answer.error)) set({ list: { kind: 'failed', refusal: managerLoginRefusal(answer.error) } });
    },
    startAdding() { set({ editor: { mode: 'add' }, fields: EMPTY_CANDIDATE_FORM, status: { kind: 'editing' }, done: null, removal: null }); },
    startEditing(candidate, locale) {
      set({ editor: { mode: 'edit', candidate }, fields: candidateFormOf(candidate, locale), status: { kind: 'editing' }, done: null, removal: null });
    },
    edit(field, value) { set({ fields: { ...get().fields, [field]: value } }); },
    async submit() {
      const { editor, status, fields } = get();
      if (!editor || status.kind === 'sending') return false;
      const body = readCandidateForm(fields);
      if (!body.ok) { set({ status: { kind: 'invalid', problems: body.problems } }); return false; }
      set({ status: { kind: 'sending' } });
      const answer = editor.mode === 'add'
        ? await client.call(ROUTES.candidateCreate, { params, body: body.value })
        : await client.call(ROUTES.candidateUpdate, { params: { candidateId: editor.candidate.id }, body: body.value });
      if (!answer.ok) {
        if (loginEnded(answer.error)) return false;
        set({ status: { kind: 'refused', ...candidateRefusal(answer.error) } });
        return false;
      }
      const { candidate } = answer.value;
      set({
        editor: null, status: { kind: 'editing' }, fields: EMPTY_CANDIDATE_FORM,
        done: { key: editor.mode === 'add' ? 'sessions.candidate.added' : 'sessions.candidate.updated', name: `${candidate.firstName} ${candidate.lastName}` },
      });
      await get().load();
      return true;
    },
    cancel() { set({ editor: null, status: { kind: 'editing' } }); },
    askRemove(candidate) { set({ removal: { kind: 'confirming', candidate }, editor: null, done: null }); },
    cancelRemove() { set({ removal: null }); },
    async confirmRemove() {
      const removal = get().removal;
      if (!removal || removal.kind === 'sending') return;
      const { candidate } = removal;
      set({ removal: { kind: 'sending', candidate } });
      const answer = await client.call(ROUTES.candidateDelete, { params: { candidateId: candidate.id } });
      if (!answer.ok) {
        if (loginEnded(answer.error)) return;
        set({ removal: { kind: 'refused', candidate, refusal: refusalOf(answer.error) } });
        return;
      }
      set({ removal: null, done: { key: 'sessions.candidate.removed', name: `${candidate.firstName} ${candidate.lastName}` } });
      await get().load();
    },
    async importRoster(file) {
      if (get().roster.kind === 'sending') return;
      const fileName = file.name;
      const problem = rosterFileProblem(file);
      if (problem) { set({ roster: { kind: 'refused', fileName, refusal: problem } }); return; }
      set({ roster: { kind: 'sending', fileName }, done: null });
      const bytes = new Uint8Array(await file.arrayBuffer());
      const answer = await client.call(ROUTES.roster, { params, query: { fileName }, body: bytes });
      if (!answer.ok) {
        if (loginEnded(answer.error)) return;
        const outcome = rosterOutcome(answer.error);
        set({ roster: outcome.kind === 'badRows' ? { kind: 'badRows', fileName, rows: outcome.rows } : { kind: 'refused', fileName, refusal: outcome.refusal } });
        return;
      }
      set({ roster: { kind: 'imported', fileName, count: answer.value.count } });
      await get().load();
    },
  }));
}
