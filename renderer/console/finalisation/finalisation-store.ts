import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LiveCandidate } from '../../../shared/formats/console-api';
import { ROUTES } from '../../../shared/formats/routes';
import type { AbortReason } from '../../../shared/formats/scoring';
import type { ApiClient, ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey } from '../../ui/i18n/translate';
import {
  carryForm, EMPTY_FORM, finalisationRows, formProblems, readFinalisation, situationChanges, stepOf, STEPS,
  type FinalisationForm, type FinalisationRow, type FormProblem, type SituationChange,
} from './finalisation-form';
import { parseResultsDocument, reviewOf, type Review } from './results-review';

/**
 * The finalisation page's store (issue 10 §1, R-FIN-1..3): the pupils as the board reads them (`GET …/live`), the
 * wizard's form and step, the problems shown, the station's refusal, then the review of the results document.
 */
export type FinalisationPhase =
  | { name: 'loading' }
  /** The board or the document could not be read: `retry` reads again. */
  | { name: 'loadFailed'; key: MessageKey }
  | { name: 'wizard' }
  | { name: 'sending' }
  | { name: 'review'; review: Review };

/** What the station refused: the pupils whose test changed meanwhile (re-read from the board), or one sentence. */
export interface Refusal { changes: SituationChange[]; key: MessageKey | null }

export interface FinalisationState {
  phase: FinalisationPhase;
  rows: FinalisationRow[];
  form: FinalisationForm;
  /** Index in STEPS. */
  step: number;
  /** The problems shown (after « Suivant » or « Finaliser » found some): on their fields and in the step's list. */
  problems: FormProblem[];
  refusal: Refusal | null;
  /** The confirmation « cela ne peut pas être annulé » is open. */
  confirming: boolean;
  /** The session was already finalised when « Finaliser » was pressed (another console did it). */
  alreadyFinalised: boolean;
  load(): Promise<void>;
  setAbortReason(candidateId: number, reason: AbortReason): void;
  setEndScreenSeen(candidateId: number, seen: boolean): void;
  setComment(comment: string): void;
  setIncidentDuringSession(value: boolean): void;
  setJoiningIssue(value: boolean): void;
  /** The next step, unless the current one has problems (then they show). */
  next(): void;
  back(): void;
  goToStep(step: number): void;
  /** From the summary: every problem, or the confirmation. */
  askConfirmation(): void;
  cancelConfirmation(): void;
  finalise(): Promise<void>;
}

function unreachableKey(error: ClientError): MessageKey {
  return error.kind === 'refused' ? errorKey(error.error.code) : 'finalisation.unreachable';
}

export function createFinalisationStore({ client, sessionId }: { client: ApiClient; sessionId: number }): StoreApi<FinalisationState> {
  return createStore<FinalisationState>((set, get) => {
    const params = { sessionId };
    const stepProblems = (step: number) => formProblems(get().form, get().rows).filter((p) => STEPS.indexOf(stepOf(p)) === step);

    const readLive = async (): Promise<{ ok: true; status: string; candidates: LiveCandidate[] } | { ok: false; key: MessageKey }> => {
      const live = await client.call(ROUTES.live, { params });
      return live.ok ? { ok: true, status: live.value.sessionStatus, candidates: live.value.candidates } : { ok: false, key: unreachableKey(live.error) };
    };

    /** The unsigned results document, read and checked, with the station's scoring inputs: shown as the review. */
    const showReview = async () => {
      set({ phase: { name: 'loading' }, confirming: false });
      const [answer, scoring] = await Promise.all([client.call(ROUTES.results, { params }), client.call(ROUTES.resultsScoring, { params })]);
      if (!answer.ok) { set({ phase: { name: 'loadFailed', key: unreachableKey(answer.error) } }); return; }
      if (!scoring.ok) { set({ phase: { name: 'loadFailed', key: unreachableKey(scoring.error) } }); return; }
      let text: string;
      try { text = await answer.value.text(); } catch { set({ phase: { name: 'loadFailed', key: 'finalisation.unreachable' } }); return; }
      const document = parseResultsDocument(text);
      const review = document === null ? null : reviewOf(document, scoring.value);
      set({ phase: review ? { name: 'review', review } : { name: 'loadFailed', key: 'finalisation.documentUnreadable' } });
    };

    const edit = (change: Partial<FinalisationForm>) => {
      const form = { ...get().form, ...change };
      // A problem fixed disappears at once; the others stay until the next « Suivant ».
      const still = formProblems(form, get().rows);
      const same = (a: FormProblem, b: FormProblem) => a.field === b.field && ('candidateId' in a ? 'candidateId' in b && a.candidateId === b.candidateId : true);
      set({ form, problems: get().problems.filter((p) => still.some((s) => same(p, s))) });
    };

    return {
      phase: { name: 'loading' },
      rows: [],
      form: EMPTY_FORM,
      step: 0,
      problems: [],
      refusal: null,
      confirming: false,
      alreadyFinalised: false,

      async load() {
        set({ phase: { name: 'loading' } });
        const live = await readLive();
        if (!live.ok) { set({ phase: { name: 'loadFailed', key: live.key } }); return; }
        if (live.status !== 'created') { await showReview(); return; }
        set({ rows: finalisationRows(live.candidates), phase: { name: 'wizard' } });
      },
      setAbortReason(candidateId, reason) { edit({ abortReasons: { ...get().form.abortReasons, [candidateId]: reason } }); },
      setEndScreenSeen(candidateId, seen) { edit({ endScreenSeen: { ...get().form.endScreenSeen, [candidateId]: seen } }); },
      setComment(globalComment) { edit({ globalComment }); },
      setIncidentDuringSession(incidentDuringSession) { edit({ incidentDuringSession }); },
      setJoiningIssue(joiningIssue) { edit({ joiningIssue }); },
      next() {
        const { step } = get();
        const problems = stepProblems(step);
        if (problems.length > 0) { set({ problems }); return; }
        set({ step: Math.min(step + 1, STEPS.length - 1), problems: [] });
      },
      back() { set({ step: Math.max(get().step - 1, 0), problems: [], confirming: false }); },
      goToStep(step) { set({ step: Math.max(0, Math.min(step, STEPS.length - 1)), problems: [], confirming: false }); },
      askConfirmation() {
        const reading = readFinalisation(get().form, get().rows);
        if (!reading.ok) {
          const first = Math.min(...reading.problems.map((p) => STEPS.indexOf(stepOf(p))));
          set({ step: first, problems: reading.problems.filter((p) => STEPS.indexOf(stepOf(p)) === first) });
          return;
        }
        set({ confirming: true });
      },
      cancelConfirmation() { set({ confirming: false }); },
      async finalise() {
        const reading = readFinalisation(get().form, get().rows);
        if (!reading.ok || get().phase.name !== 'wizard') return;
        set({ phase: { name: 'sending' }, refusal: null });
        const answer = await client.call(ROUTES.finalisation, { params, body: reading.request });
        if (answer.ok) { await showReview(); return; }
        const { error } = answer;
        if (error.kind === 'refused' && error.error.code === 'sessionAlreadyFinalised') {
          set({ alreadyFinalised: true });
          await showReview();
          return;
        }
        if (error.kind !== 'refused') {
          // Nothing was finalised (no answer means the station did not commit, or the next reading will show it).
          set({ phase: { name: 'wizard' }, confirming: false, refusal: { changes: [], key: 'finalisation.unreachable' } });
          return;
        }
        // R-FIN-1 — the board changed since it was read (a pupil started or finished): read it again, say who.
        const live = await readLive();
        if (!live.ok) { set({ phase: { name: 'wizard' }, confirming: false, refusal: { changes: [], key: errorKey(error.error.code) } }); return; }
        if (live.status !== 'created') { set({ alreadyFinalised: true }); await showReview(); return; }
        const rows = finalisationRows(live.candidates);
        const changes = situationChanges(get().rows, rows);
        const form = carryForm(get().form, rows);
        const problems = formProblems(form, rows);
        const first = problems.length > 0 ? Math.min(...problems.map((p) => STEPS.indexOf(stepOf(p)))) : STEPS.length - 1;
        set({
          phase: { name: 'wizard' }, confirming: false, rows, form, step: first,
          problems: problems.filter((p) => STEPS.indexOf(stepOf(p)) === first),
          refusal: { changes, key: changes.length > 0 ? null : errorKey(error.error.code) },
        });
      },
    };
  });
}
