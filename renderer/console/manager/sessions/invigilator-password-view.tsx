import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Session } from '../../../../shared/formats/session';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { BoardDialog } from '../../screens/board-dialog';
import { PasswordToWriteDown } from './password-to-write-down';
import type { SessionPageState } from './session-page-store';

/**
 * The invigilator's password (R-SESS-1): the station keeps only its hash, so a lost one is replaced — drawn here,
 * shown once, clearly, to write down; the old one and every invigilator login of the session end.
 */
export function InvigilatorPasswordView({ session, store, editable }: { session: Session; store: StoreApi<SessionPageState>; editable: boolean }) {
  const t = useTranslate();
  const { password, askPassword, cancelPassword, newPassword, hidePassword } = useStore(store);
  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading" className="section-heading" tabIndex={-1}>{t('sessions.passwordHeading')}</h2>
      <p>{t('sessions.passwordIntro', { number: session.number })}</p>
      {password.kind === 'shown' ? (
        <div role="status" className="notice-ok">
          <PasswordToWriteDown password={password.password} sessionNumber={session.number} />
          <p><button type="button" onClick={hidePassword}>{t('sessions.passwordNoted')}</button></p>
        </div>
      ) : editable && (
        <p><button type="button" id="password-new" onClick={askPassword}>{t('sessions.passwordNew')}</button></p>
      )}
      {password.kind === 'refused' && <div role="alert" className="form-error"><p>{t(password.refusal.key, password.refusal.params)}</p></div>}
      {(password.kind === 'confirming' || password.kind === 'sending') && (
        <BoardDialog heading={t('sessions.passwordNewHeading', { number: session.number })} onClose={cancelPassword}
          returnTo={document.getElementById('password-new')} fallbackId="password-heading">
          <p>{t('sessions.passwordNewExplain')}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" disabled={password.kind === 'sending'} onClick={() => void newPassword()}>{t('sessions.passwordNewConfirm')}</button>
            <button type="button" onClick={cancelPassword}>{t('sessions.cancel')}</button>
          </div>
        </BoardDialog>
      )}
    </section>
  );
}
