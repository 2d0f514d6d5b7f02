import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { HIGHEST_MAX_LEVEL } from '../../../../shared/certification/constants';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { TextField } from '../../../ui/text-field';
import type { SessionEditor } from './session-editor';
import { SESSION_LABELS, type SessionField } from './session-form';

const LEVELS = Array.from({ length: HIGHEST_MAX_LEVEL }, (_, i) => String(i + 1));

/**
 * R-SESS-1 — the session's form: every field the station takes, labelled; the problems listed in an alert and
 * next to their field; the station's refusal (a duplicate: the other session named) above the form.
 */
export function SessionFormView({ editor, submitLabel, onCancel }: { editor: StoreApi<SessionEditor>; submitLabel: string; onCancel(): void }) {
  const t = useTranslate();
  const { fields, status, edit, submit } = useStore(editor);
  const id = useId();
  const problems = status.kind === 'invalid' || status.kind === 'refused' ? status.problems : [];
  const problem = (field: SessionField) => {
    const found = problems.find((p) => p.field === field);
    return found ? t(found.key, found.params) : undefined;
  };
  const descriptionIds = [`${id}-description-hint`, problem('description') ? `${id}-description-error` : null].filter(Boolean).join(' ');
  const selectProps = (field: SessionField) => {
    const error = problem(field);
    return { id: `${id}-${field}`, value: fields[field], onChange: (e: { target: { value: string } }) => edit(field, e.target.value),
      'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-${field}-error` : undefined };
  };
  return (
    <form className="form session-form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      {status.kind === 'invalid' && (
        <div role="alert" className="form-error">
          <p>{t('sessions.errorsTitle')}</p>
          <ul>{status.problems.map((p) => <li key={p.field}>{t(SESSION_LABELS[p.field])} : {t(p.key, p.params)}</li>)}</ul>
        </div>
      )}
      {status.kind === 'refused' && <div role="alert" className="form-error"><p>{t(status.refusal.key, status.refusal.params)}</p></div>}
      <TextField label={t('sessions.label.centre')} error={problem('centre')} value={fields.centre} onValue={(v) => edit('centre', v)} maxLength={200} autoComplete="organization" />
      <TextField label={t('sessions.label.siteAddress')} error={problem('siteAddress')} value={fields.siteAddress} onValue={(v) => edit('siteAddress', v)} maxLength={300} autoComplete="street-address" />
      <div className="form-row">
        <TextField label={t('sessions.label.room')} error={problem('room')} value={fields.room} onValue={(v) => edit('room', v)} maxLength={100} autoComplete="off" />
        <TextField label={t('sessions.label.date')} error={problem('date')} type="date" value={fields.date} onValue={(v) => edit('date', v)} />
        <TextField label={t('sessions.label.startTime')} hint={t('sessions.startTimeHint')} error={problem('startTime')} type="time" value={fields.startTime} onValue={(v) => edit('startTime', v)} />
      </div>
      <TextField label={t('sessions.label.invigilatorName')} error={problem('invigilatorName')} value={fields.invigilatorName} onValue={(v) => edit('invigilatorName', v)} maxLength={200} autoComplete="off" />
      <div className="field" data-invalid={problem('description') ? 'true' : undefined}>
        <label htmlFor={`${id}-description`}>{t('sessions.label.description')}</label>
        <p id={`${id}-description-hint`} className="hint">{t('sessions.descriptionHint')}</p>
        {problem('description') && <p id={`${id}-description-error`} className="field-error">{problem('description')}</p>}
        <textarea id={`${id}-description`} rows={3} maxLength={2000} value={fields.description} onChange={(e) => edit('description', e.target.value)}
          aria-invalid={problem('description') ? true : undefined} aria-describedby={descriptionIds} />
      </div>
      <div className="form-row">
        <div className="field" data-invalid={problem('maxLevel') ? 'true' : undefined}>
          <label htmlFor={`${id}-maxLevel`}>{t('sessions.label.maxLevel')}</label>
          {problem('maxLevel') && <p id={`${id}-maxLevel-error`} className="field-error">{problem('maxLevel')}</p>}
          <select {...selectProps('maxLevel')}>{LEVELS.map((level) => <option key={level} value={level}>{t('sessions.levelOption', { level })}</option>)}</select>
        </div>
        <div className="field" data-invalid={problem('locale') ? 'true' : undefined}>
          <label htmlFor={`${id}-locale`}>{t('sessions.label.locale')}</label>
          {problem('locale') && <p id={`${id}-locale-error`} className="field-error">{problem('locale')}</p>}
          <select {...selectProps('locale')}>
            <option value="fr">{t('sessions.localeFr')}</option>
            <option value="en">{t('sessions.localeEn')}</option>
          </select>
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>{status.kind === 'sending' ? t('sessions.saving') : submitLabel}</button>
        <button type="button" onClick={onCancel}>{t('sessions.cancel')}</button>
      </div>
    </form>
  );
}
