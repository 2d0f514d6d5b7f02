import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { TextField } from '../../../ui/text-field';
import { certificateHolder, RENEW_WITHIN_DAYS, validityAt } from './centre-key-facts';
import type { CentreKeyState } from './centre-key-store';
import { dateText, dateTimeText } from './dates';
import { FileField } from './file-field';
import { useLocale } from './use-locale';

/** « Certificat du centre »: the one the station holds (who, issuer, validity) and the import of a PKCS#12 with its password. */
export function CentreKeySection({ store }: { store: StoreApi<CentreKeyState> }) {
  const t = useTranslate();
  const locale = useLocale();
  const { held, password, status } = useStore(store);
  const [reset, setReset] = useState(0);
  // Validity in days: the page's opening time is precise enough.
  const [now] = useState(() => Date.now());
  const problems = status.kind === 'invalid' ? status.problems : {};
  const refused = status.kind === 'refused' ? status : null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await store.getState().send()) setReset((n) => n + 1);
  };
  const info = held.kind === 'held' ? held.info : null;
  const holder = info ? certificateHolder(info.subject) : null;
  const validity = info ? validityAt(info, now) : null;
  return (
    <section aria-labelledby="key-heading" className="centre-section">
      <h2 id="key-heading">{t('centre.keyHeading')}</h2>
      {held.kind === 'loading' && <p role="status">{t('centre.loading')}</p>}
      {held.kind === 'failed' && <p role="alert" className="centre-problem">{t(held.key)}</p>}
      {held.kind === 'none' && <p className="centre-notice">{t('centre.keyNone')}</p>}
      {info && holder && validity && (
        <div className="centre-item">
          <dl className="facts">
            <div><dt>{t('centre.keyCentre')}</dt><dd>{holder.organisation ?? holder.raw}</dd></div>
            {holder.identifier && <div><dt>{t('centre.keyIdentifier')}</dt><dd>{holder.identifier}</dd></div>}
            <div><dt>{t('centre.keyIssuer')}</dt><dd>{certificateHolder(info.issuer).identifier ?? info.issuer}</dd></div>
            <div><dt>{t('centre.keyValidity')}</dt><dd>{t('centre.keyValidFromTo', { from: dateText(locale, info.notBefore), to: dateText(locale, info.notAfter) })}</dd></div>
            <div>
              <dt>{t('centre.keyState')}</dt>
              <dd data-state={validity.kind} className={validity.kind === 'valid' ? 'ok-text' : 'problem-text'}>
                {validity.kind === 'valid' && t('centre.keyValidNow', { n: validity.daysLeft })}
                {validity.kind === 'expired' && t('centre.keyExpiredNow')}
                {validity.kind === 'notYetValid' && t('centre.keyNotYetValidNow')}
              </dd>
            </div>
            <div><dt>{t('centre.keyImportedAt')}</dt><dd>{dateTimeText(locale, info.importedAt)}</dd></div>
            <div className="wide"><dt>{t('centre.keyFingerprint')}</dt><dd><code className="fingerprint-text">{info.fingerprint}</code></dd></div>
          </dl>
          {validity.kind === 'valid' && validity.daysLeft < RENEW_WITHIN_DAYS && <p className="centre-notice">{t('centre.keyRenewSoon')}</p>}
        </div>
      )}
      <h3>{t(info ? 'centre.keyReplaceHeading' : 'centre.keyImportHeading')}</h3>
      <p>{t('centre.keyImportIntro')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <FileField label={t('centre.keyFileLabel')} accept=".p12,.pfx,application/x-pkcs12" resetKey={reset}
          error={problems.file ? t(problems.file) : refused?.field === 'file' ? t(refused.key) : undefined}
          onFile={(f) => store.getState().chooseFile(f)} />
        <TextField label={t('centre.keyPasswordLabel')} hint={t('centre.keyPasswordHint')} type="password" autoComplete="off" value={password}
          error={problems.password ? t(problems.password) : refused?.field === 'password' ? t(refused.key) : undefined}
          onValue={(v) => store.getState().setPassword(v)} />
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>
          {status.kind === 'sending' ? t('centre.keySending') : t('centre.keySubmit')}
        </button>
      </form>
      <div role="status" className="centre-outcome">
        {status.kind === 'imported' && <p className="ok-text">{t('centre.keyImported', { centre: certificateHolder(status.info.subject).organisation ?? status.info.subject })}</p>}
      </div>
      <div role="alert" className="centre-alert">
        {status.kind === 'invalid' && <p className="centre-problem">{t('centre.keyInvalid')}</p>}
        {refused && <p className="centre-problem">{t(refused.key)} {t('centre.keyNothingKept')}</p>}
      </div>
    </section>
  );
}
