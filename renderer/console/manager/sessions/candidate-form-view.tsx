import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { TextField } from '../../../ui/text-field';
import { CANDIDATE_LABELS, PLACE_KIND_LABELS, type BirthplaceKind, type CandidateField } from './candidate-form';
import type { CandidatesState } from './candidates-store';
import { FocusedSubheading } from './focus-on-show';

const PLACE_KINDS: BirthplaceKind[] = ['insee', 'postal', 'foreign'];

/** R-SESS-3 — one candidate's form (add or edit): every field, labelled; problems listed and next to their field. */
export function CandidateFormView({ store }: { store: StoreApi<CandidatesState> }) {
  const t = useTranslate();
  const { editor, fields, status, edit, submit, cancel } = useStore(store);
  const id = useId();
  if (!editor) return null;
  const problems = status.kind === 'invalid' || status.kind === 'refused' ? status.problems : [];
  const problem = (field: CandidateField) => {
    const found = problems.find((p) => p.field === field);
    return found ? t(found.key, found.params) : undefined;
  };
  const heading = editor.mode === 'add' ? t('sessions.candidate.addHeading')
    : t('sessions.candidate.editHeading', { name: `${editor.candidate.firstName} ${editor.candidate.lastName}` });
  const sexError = problem('sex');
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <FocusedSubheading id={`${id}-heading`}>{heading}</FocusedSubheading>
      <form className="form candidate-form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {status.kind === 'invalid' && (
          <div role="alert" className="form-error">
            <p>{t('sessions.errorsTitle')}</p>
            <ul>{status.problems.map((p) => <li key={p.field}>{t(CANDIDATE_LABELS[p.field])} : {t(p.key, p.params)}</li>)}</ul>
          </div>
        )}
        {status.kind === 'refused' && <div role="alert" className="form-error"><p>{t(status.refusal.key, status.refusal.params)}</p></div>}
        <div className="form-row">
          <TextField label={t('sessions.candidate.lastName')} error={problem('lastName')} value={fields.lastName} onValue={(v) => edit('lastName', v)} maxLength={120} autoComplete="off" />
          <TextField label={t('sessions.candidate.firstName')} error={problem('firstName')} value={fields.firstName} onValue={(v) => edit('firstName', v)} maxLength={120} autoComplete="off" />
        </div>
        <div className="form-row">
          <fieldset className="field choice" aria-describedby={sexError ? `${id}-sex-error` : undefined}>
            <legend>{t('sessions.candidate.sex')}</legend>
            {sexError && <p id={`${id}-sex-error`} className="field-error">{sexError}</p>}
            <label><input type="radio" name={`${id}-sex`} value="F" checked={fields.sex === 'F'} onChange={() => edit('sex', 'F')} /> {t('sessions.candidate.sexF')}</label>
            <label><input type="radio" name={`${id}-sex`} value="M" checked={fields.sex === 'M'} onChange={() => edit('sex', 'M')} /> {t('sessions.candidate.sexM')}</label>
          </fieldset>
          <TextField label={t('sessions.candidate.birthDate')} type="date" error={problem('birthDate')} value={fields.birthDate} onValue={(v) => edit('birthDate', v)} />
        </div>
        <fieldset className="field choice">
          <legend>{t('sessions.candidate.birthplace')}</legend>
          {PLACE_KINDS.map((kind) => (
            <label key={kind}>
              <input type="radio" name={`${id}-place`} value={kind} checked={fields.birthplaceKind === kind} onChange={() => edit('birthplaceKind', kind)} /> {t(PLACE_KIND_LABELS[kind])}
            </label>
          ))}
        </fieldset>
        {fields.birthplaceKind === 'insee' && (
          <TextField className="short" label={t('sessions.candidate.inseeCode')} hint={t('sessions.candidate.inseeHint')} error={problem('inseeCode')}
            value={fields.inseeCode} onValue={(v) => edit('inseeCode', v)} maxLength={5} autoComplete="off" />
        )}
        {fields.birthplaceKind === 'postal' && (
          <div className="form-row">
            <TextField className="short" label={t('sessions.candidate.postalCode')} error={problem('postalCode')} value={fields.postalCode} onValue={(v) => edit('postalCode', v)} maxLength={5} inputMode="numeric" autoComplete="off" />
            <TextField label={t('sessions.candidate.city')} error={problem('city')} value={fields.city} onValue={(v) => edit('city', v)} maxLength={120} autoComplete="off" />
          </div>
        )}
        {fields.birthplaceKind === 'foreign' && (
          <div className="form-row">
            <TextField label={t('sessions.candidate.city')} error={problem('city')} value={fields.city} onValue={(v) => edit('city', v)} maxLength={120} autoComplete="off" />
            <TextField label={t('sessions.candidate.country')} error={problem('country')} value={fields.country} onValue={(v) => edit('country', v)} maxLength={120} autoComplete="off" />
          </div>
        )}
        <div className="form-row">
          <TextField label={t('sessions.candidate.externalId')} hint={t('sessions.candidate.externalIdHint')} error={problem('externalId')} value={fields.externalId} onValue={(v) => edit('externalId', v)} maxLength={64} autoComplete="off" />
          <TextField label={t('sessions.candidate.email')} hint={t('sessions.candidate.emailHint')} error={problem('email')} type="email" value={fields.email} onValue={(v) => edit('email', v)} maxLength={254} autoComplete="off" />
        </div>
        <div className="form-row">
          <TextField className="short" label={t('sessions.candidate.extraTime')} hint={t('sessions.candidate.extraTimeHint')} error={problem('extraTimePercent')}
            value={fields.extraTimePercent} onValue={(v) => edit('extraTimePercent', v)} inputMode="decimal" maxLength={8} autoComplete="off" />
          <div className="field checkbox">
            <label><input type="checkbox" checked={fields.accessibilityAdjustment} onChange={(e) => edit('accessibilityAdjustment', e.target.checked)} /> {t('sessions.candidate.accessibility')}</label>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={status.kind === 'sending'}>
            {status.kind === 'sending' ? t('sessions.saving') : editor.mode === 'add' ? t('sessions.candidate.addSubmit') : t('sessions.candidate.editSubmit')}
          </button>
          <button type="button" onClick={cancel}>{t('sessions.cancel')}</button>
        </div>
      </form>
    </section>
  );
}
