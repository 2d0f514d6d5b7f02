import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { TextField } from '../../../ui/text-field';
import { FocusedHeading } from '../../screens/focused-heading';
import type { ManagerLoginState } from './manager-login-store';

/**
 * « Connexion du responsable du centre »: the manager's password, and where the first one comes from (it is set
 * at the station's first start: printed once, or the demo's file).
 */
export function ManagerLoginScreen({ store }: { store: StoreApi<ManagerLoginState> }) {
  const t = useTranslate();
  const { fields, status, ended, edit, submit } = useStore(store);
  const problem = status.kind === 'invalid' ? status.problems[0] : undefined;
  const refused = status.kind === 'refused' ? status.refusal : undefined;
  return (
    <main className="screen-main console-login manager-login">
      <FocusedHeading>{t('manager.loginHeading')}</FocusedHeading>
      {ended && <p role="status" className="calm-note">{t('manager.loginEnded')}</p>}
      <p>{t('manager.loginIntro')}</p>
      {problem && <div role="alert" className="form-error"><p>{t(problem.key, problem.params)}</p></div>}
      {refused && <div role="alert" className="form-error"><p>{t(refused.key, refused.params)}</p></div>}
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <TextField label={t('manager.password')} error={problem ? t(problem.key, problem.params) : undefined} type="password"
          value={fields.password} onValue={edit} autoComplete="current-password" spellCheck={false} maxLength={200} />
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>
          {status.kind === 'sending' ? t('manager.signingIn') : t('manager.signIn')}
        </button>
      </form>
      <details className="first-run">
        <summary>{t('manager.firstRunQuestion')}</summary>
        <p>{t('manager.firstRunStation')}</p>
        <p>{t('manager.firstRunDemo')}</p>
        <p>{t('manager.firstRunChange')}</p>
      </details>
    </main>
  );
}
