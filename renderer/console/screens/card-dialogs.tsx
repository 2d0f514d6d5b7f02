import { useEffect, useState } from 'react';
import type { LiveCandidate } from '../../../shared/formats/console-api';
import type { IncidentCategory } from '../../../shared/certification/incidents';
import { useTranslate } from '../../ui/i18n/locale-store';
import { TextField } from '../../ui/text-field';
import type { CandidateQuestion } from '../board/board-store';
import { categoryGroups, incidentCategoryChoice, prefilledQuestion, readIncident, type IncidentFields, type IncidentProblem } from '../board/incident-form';
import type { IncidentInput } from '../../../shared/formats/console-api';
import { readExtraTime } from '../board/extra-time-field';
import { BoardDialog } from './board-dialog';
import { cardHeadingId, fullName } from './candidate-card';

interface DialogProps { candidate: LiveCandidate; returnTo: HTMLElement | null; onClose(): void }

/** « Terminer le test » asks first (R-SESS-6): the kiosk then shows its end page and records no more answers. */
export function EndTestDialog({ candidate, returnTo, onClose, onConfirm }: DialogProps & { onConfirm(): Promise<boolean> }) {
  const t = useTranslate();
  const name = fullName(candidate);
  return (
    <BoardDialog heading={t('board.action.endTestOf', { name })} onClose={onClose} returnTo={returnTo} fallbackId={cardHeadingId(candidate.candidateId)}>
      <p>{t('board.endTest.question', { name })}</p>
      <div className="dialog-actions">
        <button type="button" className="danger-strong" aria-label={t('board.endTest.confirmOf', { name })}
          onClick={() => void onConfirm().then((done) => { if (done) onClose(); })}>{t('board.endTest.confirm')}</button>
        <button type="button" onClick={onClose}>{t('board.cancel')}</button>
      </div>
    </BoardDialog>
  );
}

/** R-SESS-3 — the pupil's extra time (0–999 %), for the timers not shown yet and the theoretical end. */
export function ExtraTimeDialog({ candidate, returnTo, onClose, onSave }: DialogProps & { onSave(percent: number): Promise<boolean> }) {
  const t = useTranslate();
  const name = fullName(candidate);
  const [value, setValue] = useState(String(candidate.extraTimePercent));
  const [invalid, setInvalid] = useState(false);
  return (
    <BoardDialog heading={t('board.extraTimeHeading', { name })} onClose={onClose} returnTo={returnTo} fallbackId={cardHeadingId(candidate.candidateId)}>
      <form className="form" noValidate onSubmit={(e) => {
        e.preventDefault();
        const percent = readExtraTime(value);
        if (percent === null) { setInvalid(true); return; }
        setInvalid(false);
        void onSave(percent).then((done) => { if (done) onClose(); });
      }}>
        <TextField label={t('board.extraTimeField')} hint={t('board.extraTimeHint')} error={invalid ? t('board.extraTimeInvalid') : undefined}
          className="short" value={value} onValue={setValue} inputMode="numeric" autoComplete="off" maxLength={6} />
        <div className="dialog-actions">
          <button type="submit" className="primary">{t('board.extraTimeSave')}</button>
          <button type="button" onClick={onClose}>{t('board.cancel')}</button>
        </div>
      </form>
    </BoardDialog>
  );
}

/**
 * « Signaler un incident » (R-INC-1): the category in plain French, the question prefilled with the one on the
 * pupil's screen or picked from their questions, a description.
 */
export function IncidentDialog({ candidate, returnTo, onClose, loadQuestions, onReport }: DialogProps & {
  loadQuestions(): Promise<CandidateQuestion[] | null>; onReport(input: IncidentInput): Promise<boolean>;
}) {
  const t = useTranslate();
  const name = fullName(candidate);
  const [questions, setQuestions] = useState<CandidateQuestion[] | null>(null);
  const [fields, setFields] = useState<IncidentFields>({ category: '', challengeId: '', description: '' });
  const [problems, setProblems] = useState<IncidentProblem[]>([]);
  useEffect(() => {
    let live = true;
    void loadQuestions().then((list) => {
      if (!live) return;
      setQuestions(list ?? []);
      setFields((f) => ({ ...f, challengeId: f.challengeId || (prefilledQuestion(list ?? []) ?? '') }));
    });
    return () => { live = false; };
  }, [loadQuestions]);
  const category = fields.category === '' ? null : incidentCategoryChoice(fields.category);
  const problem = (field: IncidentProblem['field']) => {
    const found = problems.find((p) => p.field === field);
    return found ? t(found.key) : undefined;
  };
  const current = prefilledQuestion(questions ?? []);
  const categoryError = problem('category');
  const questionError = problem('challengeId');
  return (
    <BoardDialog heading={t('incident.heading', { name })} onClose={onClose} returnTo={returnTo} fallbackId={cardHeadingId(candidate.candidateId)}>
      <form className="form" noValidate onSubmit={(e) => {
        e.preventDefault();
        const read = readIncident(candidate.candidateId, fields);
        if (!read.ok) { setProblems(read.problems); return; }
        setProblems([]);
        void onReport(read.value).then((done) => { if (done) onClose(); });
      }}>
        <div className="field" data-invalid={categoryError ? 'true' : undefined}>
          <label htmlFor="incident-category">{t('incident.category')}</label>
          {categoryError && <p id="incident-category-error" className="field-error">{categoryError}</p>}
          <select id="incident-category" value={fields.category} aria-invalid={categoryError ? true : undefined}
            aria-describedby={categoryError ? 'incident-category-error' : undefined}
            onChange={(e) => setFields({ ...fields, category: e.target.value as IncidentCategory | '' })}>
            <option value="">{t('incident.choose')}</option>
            {categoryGroups().map((group) => (
              <optgroup key={group.key} label={t(group.key)}>
                {group.choices.map((c) => <option key={c.code} value={c.code}>{`${c.code} — ${t(c.key)}`}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        {category?.namesQuestion && (
          <div className="field" data-invalid={questionError ? 'true' : undefined}>
            <label htmlFor="incident-question">{t('incident.question')}</label>
            <p id="incident-question-hint" className="hint">{questions === null ? t('incident.loadingQuestions') : t('incident.questionHint')}</p>
            {questionError && <p id="incident-question-error" className="field-error">{questionError}</p>}
            <select id="incident-question" value={fields.challengeId} aria-invalid={questionError ? true : undefined}
              aria-describedby={['incident-question-hint', questionError ? 'incident-question-error' : ''].filter(Boolean).join(' ')}
              onChange={(e) => setFields({ ...fields, challengeId: e.target.value })}>
              <option value="">{t('incident.question')}</option>
              {[...(questions ?? [])].sort((a, b) => a.position - b.position).map((q) => (
                <option key={q.challengeId} value={q.challengeId}>
                  {t(q.challengeId === current ? 'incident.questionOptionCurrent' : q.answered ? 'incident.questionOptionAnswered' : 'incident.questionOption', { position: q.position })}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="incident-description">{t('incident.description')}</label>
          <textarea id="incident-description" rows={3} maxLength={2000} value={fields.description}
            onChange={(e) => setFields({ ...fields, description: e.target.value })} />
        </div>
        <div className="dialog-actions">
          <button type="submit" className="primary">{t('incident.submit')}</button>
          <button type="button" onClick={onClose}>{t('board.cancel')}</button>
        </div>
      </form>
    </BoardDialog>
  );
}
