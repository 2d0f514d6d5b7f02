import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { MIN_MANAGER_PASSWORD_LENGTH } from '../../../../shared/formats/centre-api';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { TextField } from '../../../ui/text-field';
import { BoardDialog } from '../../screens/board-dialog';
import type { PasswordChangeField } from './manager-login-form';
import type { ManagerLoginState } from './manager-login-store';

/** « Changer le mot de passe du responsable »: the current one, the new one twice; every other manager login ends. */
export function PasswordChangeDialog({ store }: { store: StoreApi<ManagerLoginState> }) {
  const t = useTranslate();
  const { passwordChange: { fields, status, done }, editPasswordChange, submitPasswordChange, openPasswordChange } = useStore(store);
  const close = () => openPasswordChange(false);
  const problem = (field: PasswordChangeField) => {
    if (status.kind === 'invalid') {
      const found = status.problems.find((p) => p.field === field);
      return found ? t(found.key, found.params) : undefined;
    }
    if (status.kind === 'refused' && status.field === field) return t(status.refusal.key, status.refusal.params);
    return undefined;
  };
  return (
    <BoardDialog heading={t('manager.changePasswordHeading')} onClose={close} returnTo={null} fallbackId="manager-change-password">
      {done ? (
        <>
          <p role="status">{t('manager.passwordChanged')}</p>
          <div className="dialog-actions"><button type="button" className="primary" onClick={close}>{t('sessions.close')}</button></div>
        </>
      ) : (
        <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submitPasswordChange(); }}>
          <p>{t('manager.changePasswordIntro')}</p>
          {status.kind === 'invalid' && (
            <div role="alert" className="form-error">
              <p>{t('sessions.errorsTitle')}</p>
              <ul>{status.problems.map((p) => <li key={p.field}>{t(p.key, p.params)}</li>)}</ul>
            </div>
          )}
          {status.kind === 'refused' && <div role="alert" className="form-error"><p>{t(status.refusal.key, status.refusal.params)}</p></div>}
          <TextField label={t('manager.currentPassword')} type="password" autoComplete="current-password" spellCheck={false} maxLength={200}
            error={problem('currentPassword')} value={fields.currentPassword} onValue={(v) => editPasswordChange('currentPassword', v)} />
          <TextField label={t('manager.newPassword')} hint={t('manager.newPasswordHint', { min: MIN_MANAGER_PASSWORD_LENGTH })} type="password" autoComplete="new-password"
            spellCheck={false} maxLength={200} error={problem('newPassword')} value={fields.newPassword} onValue={(v) => editPasswordChange('newPassword', v)} />
          <TextField label={t('manager.confirmPassword')} type="password" autoComplete="new-password" spellCheck={false} maxLength={200}
            error={problem('confirmation')} value={fields.confirmation} onValue={(v) => editPasswordChange('confirmation', v)} />
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={status.kind === 'sending'}>{t('manager.changePasswordSubmit')}</button>
            <button type="button" onClick={close}>{t('sessions.cancel')}</button>
          </div>
        </form>
      )}
    </BoardDialog>
  );
}
