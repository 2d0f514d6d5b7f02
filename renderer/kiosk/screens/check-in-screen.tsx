import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import { TextField } from '../../ui/text-field';
import type { CheckInField } from '../flow/check-in-form';
import type { CheckInState } from '../flow/check-in-store';
import { ScreenHeading } from './screen-heading';

export function CheckInScreen({ store }: { store: StoreApi<CheckInState> }) {
  const t = useTranslate();
  const { fields, status, edit, submit } = useStore(store);
  const dateId = useId();
  const problem = (field: CheckInField) => {
    if (status.kind !== 'invalid') return undefined;
    const found = status.problems.find((p) => p.field === field);
    return found ? t(found.key) : undefined;
  };
  const dateError = problem('birthDate');
  return (
    <>
      <ScreenHeading>{t('checkIn.heading')}</ScreenHeading>
      <p>{t('checkIn.intro')}</p>
      {status.kind === 'invalid' && (
        <div role="alert" className="form-error">
          <p>{t('checkIn.errorsTitle')}</p>
          <ul>{status.problems.map((p) => <li key={p.field}>{t(p.key)}</li>)}</ul>
        </div>
      )}
      {status.kind === 'refused' && status.refusal.kind === 'fix' && (
        <div role="alert" className="form-error">
          <p>{t(status.refusal.key)}</p>
          {status.refusal.callInvigilator && <p>{t('checkIn.callInvigilator')}</p>}
        </div>
      )}
      {status.kind === 'refused' && status.refusal.kind === 'callInvigilator' && (
        <div role="alert" className="notice">
          <p>{t('checkIn.callInvigilator')}</p>
          {status.refusal.retryAfterSeconds !== null && <p>{t('checkIn.waitBeforeRetry', { seconds: status.refusal.retryAfterSeconds })}</p>}
        </div>
      )}
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <TextField label={t('checkIn.sessionNumber')} error={problem('sessionNumber')} className="short"
          value={fields.sessionNumber} onValue={(v) => edit('sessionNumber', v)} inputMode="numeric" autoComplete="off" maxLength={9} />
        <TextField label={t('checkIn.lastName')} error={problem('lastName')}
          value={fields.lastName} onValue={(v) => edit('lastName', v)} autoComplete="off" spellCheck={false} maxLength={200} />
        <TextField label={t('checkIn.firstName')} error={problem('firstName')}
          value={fields.firstName} onValue={(v) => edit('firstName', v)} autoComplete="off" spellCheck={false} maxLength={200} />
        <fieldset className="date-fields" aria-describedby={dateError ? `${dateId}-error` : undefined}>
          <legend>{t('checkIn.birthDate')}</legend>
          {dateError && <p id={`${dateId}-error`} className="field-error">{dateError}</p>}
          <div className="date-parts">
            <TextField label={t('checkIn.day')} value={fields.day} onValue={(v) => edit('day', v)} className="tiny"
              inputMode="numeric" autoComplete="off" maxLength={2} aria-invalid={dateError ? true : undefined} />
            <TextField label={t('checkIn.month')} value={fields.month} onValue={(v) => edit('month', v)} className="tiny"
              inputMode="numeric" autoComplete="off" maxLength={2} aria-invalid={dateError ? true : undefined} />
            <TextField label={t('checkIn.year')} value={fields.year} onValue={(v) => edit('year', v)} className="year"
              inputMode="numeric" autoComplete="off" maxLength={4} aria-invalid={dateError ? true : undefined} />
          </div>
        </fieldset>
        <TextField label={t('checkIn.accessCode')} error={problem('accessCode')} className="short code"
          value={fields.accessCode} onValue={(v) => edit('accessCode', v)} autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} />
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>
          {status.kind === 'sending' ? t('checkIn.sending') : t('checkIn.submit')}
        </button>
      </form>
    </>
  );
}
