import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { StationStatusState } from '../../ui/station/station-status-store';
import { StationStatusView } from '../../ui/station/station-status-view';
import { TextField } from '../../ui/text-field';
import type { LoginField } from '../login/login-form';
import type { ConsoleSessionState } from '../login/console-session-store';
import { FocusedHeading } from './focused-heading';

/**
 * « Connexion du surveillant » (R-SESS-1): the session number and the invigilator password, errors by field; below,
 * whether the station answers (with « Vérifier de nouveau »).
 */
export function LoginScreen({ store, station }: { store: StoreApi<ConsoleSessionState>; station: StoreApi<StationStatusState> }) {
  const t = useTranslate();
  const { fields, status, edit, submit } = useStore(store);
  const problem = (field: LoginField) => {
    if (status.kind !== 'invalid') return undefined;
    const found = status.problems.find((p) => p.field === field);
    return found ? t(found.key) : undefined;
  };
  return (
    <main className="screen-main console-login">
      <FocusedHeading>{t('login.heading')}</FocusedHeading>
      <p>{t('login.intro')}</p>
      {status.kind === 'invalid' && (
        <div role="alert" className="form-error">
          <p>{t('login.errorsTitle')}</p>
          <ul>{status.problems.map((p) => <li key={p.field}>{t(p.key)}</li>)}</ul>
        </div>
      )}
      {status.kind === 'refused' && <div role="alert" className="form-error"><p>{t(status.key)}</p></div>}
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <TextField label={t('login.sessionNumber')} error={problem('sessionNumber')} className="short"
          value={fields.sessionNumber} onValue={(v) => edit('sessionNumber', v)} inputMode="numeric" autoComplete="off" maxLength={9} />
        <TextField label={t('login.password')} hint={t('login.passwordHint')} error={problem('password')} type="password"
          value={fields.password} onValue={(v) => edit('password', v)} autoComplete="current-password" spellCheck={false} maxLength={200} />
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>
          {status.kind === 'sending' ? t('login.sending') : t('login.submit')}
        </button>
      </form>
      <StationStatusView store={station} />
    </main>
  );
}
