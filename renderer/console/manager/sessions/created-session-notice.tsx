import type { SessionCreated } from '../../../../shared/formats/centre-api';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedSubheading } from './focus-on-show';
import { PasswordToWriteDown } from './password-to-write-down';

/** R-SESS-1 — the session just created, its number and access code, and its invigilator password shown this once. */
export function CreatedSessionNotice({ created, onOpen, onDismiss }: { created: SessionCreated; onOpen(): void; onDismiss(): void }) {
  const t = useTranslate();
  const { session, invigilatorPassword } = created;
  return (
    <section className="notice-ok" aria-labelledby="created-session-heading">
      <FocusedSubheading id="created-session-heading">{t('sessions.createdHeading', { number: session.number })}</FocusedSubheading>
      <p>{t('sessions.createdAccessCode', { code: session.accessCode })}</p>
      <PasswordToWriteDown password={invigilatorPassword} sessionNumber={session.number} />
      <div className="form-actions">
        <button type="button" className="primary" onClick={onOpen}>{t('sessions.openSession', { number: session.number })}</button>
        <button type="button" onClick={onDismiss}>{t('sessions.passwordNoted')}</button>
      </div>
    </section>
  );
}
