import { useTranslate } from '../../../ui/i18n/locale-store';

/** An invigilator password shown once, large and spaced, with what to do with it (the station keeps only its hash). */
export function PasswordToWriteDown({ password, sessionNumber }: { password: string; sessionNumber: number }) {
  const t = useTranslate();
  return (
    <div className="password-once">
      <p className="password-label">{t('sessions.passwordLabel', { number: sessionNumber })}</p>
      <p className="password-value"><code>{password}</code></p>
      <p className="password-note">{t('sessions.passwordOnce')}</p>
    </div>
  );
}
