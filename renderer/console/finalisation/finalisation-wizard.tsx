import { useEffect, useId, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Session } from '../../../shared/formats/session';
import type { AbortReason } from '../../../shared/formats/scoring';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { stateLine } from '../board/card-facts';
import { BOARD, type ConsolePlace } from '../navigation/place';
import { BoardDialog } from '../screens/board-dialog';
import { fullName } from '../screens/candidate-card';
import { FocusedHeading } from '../screens/focused-heading';
import { STEPS, type FinalisationRow, type FormProblem, type SituationChange, type Step } from './finalisation-form';
import type { FinalisationState } from './finalisation-store';

type T = ReturnType<typeof useTranslate>;

const STEP_KEYS: Record<Step, MessageKey> = {
  unfinished: 'finalisation.step.unfinished', endScreen: 'finalisation.step.endScreen', session: 'finalisation.step.session', summary: 'finalisation.step.summary',
};
const REASON_KEYS: Record<AbortReason, MessageKey> = { candidate: 'finalisation.reason.candidate', technical: 'finalisation.reason.technical' };
const RUNNING = new Set(['inTest', 'suspended', 'waitingForResume', 'readyToResume']);

/** One problem's sentence (beside its field and in the step's list). */
function problemText(t: T, problem: FormProblem, rows: readonly FinalisationRow[]): string {
  switch (problem.field) {
    case 'abortReason': {
      const row = rows.find((r) => r.candidateId === problem.candidateId);
      return t('finalisation.reason.missing', { name: row ? fullName(row.candidate) : String(problem.candidateId) });
    }
    case 'globalComment': return t('finalisation.commentTooLong', { length: problem.length });
    case 'incidentDuringSession': return t('finalisation.incidentMissing');
    case 'joiningIssue': return t('finalisation.joiningMissing');
    case 'nobodyStarted': return t('finalisation.nobodyStarted');
  }
}

function changeText(t: T, change: SituationChange): string {
  const name = fullName(change.candidate);
  if (change.to === 'unfinished' && change.from === 'notStarted') return t('finalisation.change.started', { name });
  if (change.to === 'completed') return t('finalisation.change.finished', { name });
  return t('finalisation.change.other', { name });
}

/** « N élèves sont encore en test : … » with the way back to the board. */
function StillRunning({ rows, go }: { rows: readonly FinalisationRow[]; go(place: ConsolePlace): void }) {
  const t = useTranslate();
  const running = rows.filter((r) => RUNNING.has(r.candidate.status));
  if (running.length === 0) return null;
  return (
    <div className="still-running">
      <p>{t('finalisation.stillRunning', { n: running.length, names: running.map((r) => fullName(r.candidate)).join(', ') })}</p>
      <button type="button" onClick={() => go(BOARD)}>{t('finalisation.toBoard')}</button>
    </div>
  );
}

/** A yes/no question the API requires an answer to (no default). */
function YesNo({ name, legend, value, error, onValue }: { name: string; legend: string; value: boolean | null; error: string | undefined; onValue(v: boolean): void }) {
  const t = useTranslate();
  const id = useId();
  return (
    <fieldset role="radiogroup" className="choice" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
      <label><input type="radio" name={name} checked={value === true} onChange={() => onValue(true)} />{t('finalisation.yes')}</label>
      <label><input type="radio" name={name} checked={value === false} onChange={() => onValue(false)} />{t('finalisation.no')}</label>
    </fieldset>
  );
}

function UnfinishedStep({ state, go }: { state: FinalisationState; go(place: ConsolePlace): void }) {
  const t = useTranslate();
  const id = useId();
  const unfinished = state.rows.filter((r) => r.situation === 'unfinished');
  if (unfinished.length === 0) return <p>{t('finalisation.unfinished.none')}</p>;
  return (
    <>
      <p>{t('finalisation.unfinished.hint')}</p>
      <StillRunning rows={state.rows} go={go} />
      {unfinished.map((row) => {
        const name = fullName(row.candidate);
        const problem = state.problems.find((p) => p.field === 'abortReason' && p.candidateId === row.candidateId);
        const line = stateLine(row.candidate);
        const errorId = `${id}-${row.candidateId}-error`;
        const stateId = `${id}-${row.candidateId}-state`;
        const describedBy = [stateId, problem ? errorId : null].filter(Boolean).join(' ');
        return (
          <fieldset key={row.candidateId} role="radiogroup" className="choice reason" aria-invalid={problem ? true : undefined}
            aria-describedby={describedBy}>
            <legend>{t('finalisation.unfinished.legend', { name })}</legend>
            <p id={stateId} className="hint">{t(line.key, line.params)}</p>
            {problem && <p id={errorId} className="field-error">{problemText(t, problem, state.rows)}</p>}
            {(['candidate', 'technical'] as const).map((reason) => (
              <label key={reason}>
                <input type="radio" name={`reason-${row.candidateId}`} checked={state.form.abortReasons[row.candidateId] === reason}
                  aria-describedby={`${id}-${reason}-hint`} onChange={() => state.setAbortReason(row.candidateId, reason)} />
                <span>{t(REASON_KEYS[reason])}</span>
                <span id={`${id}-${reason}-hint`} className="hint">{t(reason === 'candidate' ? 'finalisation.reason.candidateHint' : 'finalisation.reason.technicalHint')}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

function EndScreenStep({ state }: { state: FinalisationState }) {
  const t = useTranslate();
  const id = useId();
  const started = state.rows.filter((r) => r.situation !== 'notStarted');
  if (started.length === 0) return <p>{t('finalisation.endScreen.none')}</p>;
  return (
    <fieldset className="choice end-screens" aria-describedby={`${id}-hint`}>
      <legend>{t('finalisation.endScreen.legend')}</legend>
      <p id={`${id}-hint`} className="hint">{t('finalisation.endScreen.hint')}</p>
      <ul>
        {started.map((row) => {
          const line = stateLine(row.candidate);
          return (
            <li key={row.candidateId}>
              <label>
                <input type="checkbox" checked={state.form.endScreenSeen[row.candidateId] === true} aria-describedby={`${id}-${row.candidateId}`}
                  onChange={(e) => state.setEndScreenSeen(row.candidateId, e.target.checked)} />
                {fullName(row.candidate)}
              </label>
              <span id={`${id}-${row.candidateId}`} className="hint">{t(line.key, line.params)}</span>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function SessionStep({ state }: { state: FinalisationState }) {
  const t = useTranslate();
  const id = useId();
  const problem = (field: FormProblem['field']) => {
    const found = state.problems.find((p) => p.field === field);
    return found ? problemText(t, found, state.rows) : undefined;
  };
  const commentError = problem('globalComment');
  const commentDescribedBy = [`${id}-comment-hint`, commentError ? `${id}-comment-error` : null].filter(Boolean).join(' ');
  return (
    <>
      <div className="field" data-invalid={commentError ? 'true' : undefined}>
        <label htmlFor={`${id}-comment`}>{t('finalisation.comment')}</label>
        <p id={`${id}-comment-hint`} className="hint">{t('finalisation.commentHint')}</p>
        {commentError && <p id={`${id}-comment-error`} className="field-error">{commentError}</p>}
        <textarea id={`${id}-comment`} rows={5} value={state.form.globalComment} onChange={(e) => state.setComment(e.target.value)}
          aria-invalid={commentError ? true : undefined} aria-describedby={commentDescribedBy} />
      </div>
      <YesNo name="incident" legend={t('finalisation.incident')} value={state.form.incidentDuringSession} error={problem('incidentDuringSession') && t('finalisation.yesNoMissing')}
        onValue={state.setIncidentDuringSession} />
      <YesNo name="joining" legend={t('finalisation.joining')} value={state.form.joiningIssue} error={problem('joiningIssue') && t('finalisation.yesNoMissing')}
        onValue={state.setJoiningIssue} />
    </>
  );
}

function SummaryStep({ state, go }: { state: FinalisationState; go(place: ConsolePlace): void }) {
  const t = useTranslate();
  const started = state.rows.filter((r) => r.situation !== 'notStarted');
  const unfinished = state.rows.filter((r) => r.situation === 'unfinished');
  const seen = started.filter((r) => state.form.endScreenSeen[r.candidateId] === true).length;
  const yesNo = (v: boolean | null) => (v === null ? '—' : t(v ? 'finalisation.yes' : 'finalisation.no'));
  const change = (step: Step) => (
    <button type="button" className="change" onClick={() => state.goToStep(STEPS.indexOf(step))}>
      {t('finalisation.summary.change', { step: t(STEP_KEYS[step]) })}
    </button>
  );
  return (
    <>
      <p>{t('finalisation.summary.started', { n: started.length, total: state.rows.length })}</p>
      <StillRunning rows={state.rows} go={go} />
      <dl className="summary">
        <div>
          <dt>{t('finalisation.summary.reasons')}</dt>
          <dd>
            {unfinished.length === 0 ? t('finalisation.summary.none') : (
              <ul>{unfinished.map((r) => {
                const reason = state.form.abortReasons[r.candidateId];
                return <li key={r.candidateId}>{t('finalisation.summary.reasonOf', { name: fullName(r.candidate), reason: reason ? t(REASON_KEYS[reason]) : '—' })}</li>;
              })}</ul>
            )}
          </dd>
          <dd className="change-cell">{change('unfinished')}</dd>
        </div>
        <div>
          <dt>{t('finalisation.endScreen.legend')}</dt>
          <dd>{t('finalisation.summary.endScreenCount', { seen, started: started.length })}</dd>
          <dd className="change-cell">{change('endScreen')}</dd>
        </div>
        <div>
          <dt>{t('finalisation.summary.comment')}</dt>
          <dd className="comment">{state.form.globalComment.trim() === '' ? t('finalisation.summary.noComment') : state.form.globalComment.trim()}</dd>
          <dd className="change-cell">{change('session')}</dd>
        </div>
        <div>
          <dt>{t('finalisation.summary.incident')}</dt>
          <dd>{yesNo(state.form.incidentDuringSession)}</dd>
        </div>
        <div>
          <dt>{t('finalisation.summary.joining')}</dt>
          <dd>{yesNo(state.form.joiningIssue)}</dd>
        </div>
      </dl>
      <p className="irreversible">{t('finalisation.irreversible')}</p>
    </>
  );
}

/**
 * The wizard (R-FIN-1..3): « Étape i sur 4 », « Précédent » / « Suivant », the problems of a step beside their
 * fields and listed above them, then the summary and « Finaliser la session » with its confirmation.
 */
export function FinalisationWizard({ session, store, go }: { session: Session; store: StoreApi<FinalisationState>; go(place: ConsolePlace): void }) {
  const t = useTranslate();
  const state = useStore(store);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const stepBox = useRef<HTMLDivElement>(null);
  const stepHeadingId = useId();
  const shownStep = useRef(state.step);
  /** The button that opened the confirmation: the focus goes back to it (else to the step's heading). */
  const [trigger, setTrigger] = useState<HTMLElement | null>(null);
  const step = STEPS[state.step]!;
  const sending = state.phase.name === 'sending';

  // A new step: its heading takes the focus (not on the first render: the page's h1 has it).
  useEffect(() => {
    if (shownStep.current === state.step) return;
    shownStep.current = state.step;
    stepHeading.current?.focus();
  }, [state.step]);
  // Problems found: the focus goes to the first field to fix.
  useEffect(() => {
    if (state.problems.length === 0) return;
    const invalid = stepBox.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = invalid?.matches('input, textarea') ? invalid : invalid?.querySelector<HTMLElement>('input');
    target?.focus();
  }, [state.problems]);

  const refusal = state.refusal;
  return (
    <main className="screen-main finalisation">
      <FocusedHeading>{t('finalisation.heading', { number: session.number })}</FocusedHeading>
      <p>{t('finalisation.intro')}</p>
      <ol className="steps" aria-label={t('finalisation.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === state.step ? 'step' : undefined}>{t(STEP_KEYS[s])}</li>
        ))}
      </ol>
      {refusal && (
        <div role="alert" className="form-error">
          <p>{t(refusal.changes.length > 0 ? 'finalisation.refused' : 'finalisation.refusedOther')}</p>
          {refusal.changes.length > 0 ? <ul>{refusal.changes.map((c) => <li key={c.candidate.candidateId}>{changeText(t, c)}</li>)}</ul>
            : refusal.key && <p>{t(refusal.key)}</p>}
          <button type="button" onClick={() => go(BOARD)}>{t('finalisation.toBoard')}</button>
        </div>
      )}
      <div ref={stepBox} className="step">
        <h2 ref={stepHeading} id={stepHeadingId} tabIndex={-1}>{t('finalisation.stepOf', { n: state.step + 1, total: STEPS.length })} — {t(STEP_KEYS[step])}</h2>
        {state.problems.length > 0 && (
          <div role="alert" className="form-error">
            <p>{t('finalisation.problems', { n: state.problems.length })}</p>
            <ul>{state.problems.map((p, i) => <li key={i}>{problemText(t, p, state.rows)}</li>)}</ul>
          </div>
        )}
        {step === 'unfinished' && <UnfinishedStep state={state} go={go} />}
        {step === 'endScreen' && <EndScreenStep state={state} />}
        {step === 'session' && <SessionStep state={state} />}
        {step === 'summary' && <SummaryStep state={state} go={go} />}
      </div>
      <div className="step-actions">
        {state.step > 0 && <button type="button" onClick={state.back} disabled={sending}>{t('finalisation.back')}</button>}
        {step !== 'summary' && <button type="button" className="primary" onClick={state.next}>{t('finalisation.next')}</button>}
        {step === 'summary' && (
          <button type="button" className="danger-strong" disabled={sending} onClick={(e) => { setTrigger(e.currentTarget); state.askConfirmation(); }}>{t('finalisation.finalise')}</button>
        )}
      </div>
      <p role="status" className="sending">{sending ? t('finalisation.sending') : ''}</p>
      {state.confirming && (
        <BoardDialog heading={t('finalisation.confirm.heading', { number: session.number })} onClose={state.cancelConfirmation}
          returnTo={trigger} fallbackId={stepHeadingId}>
          <p>{t('finalisation.confirm.body')}</p>
          <div className="dialog-actions">
            <button type="button" className="danger-strong" disabled={sending} onClick={() => void state.finalise()}>{t('finalisation.confirm.yes')}</button>
            <button type="button" onClick={state.cancelConfirmation}>{t('finalisation.confirm.no')}</button>
          </div>
        </BoardDialog>
      )}
    </main>
  );
}
