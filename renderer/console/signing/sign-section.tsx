import { useEffect, useRef } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SessionSignature } from '../../../shared/formats/signing';
import { localeStore, useTranslate } from '../../ui/i18n/locale-store';
import { TextField } from '../../ui/text-field';
import { ProblemAlert, SaidText } from './problem-view';
import { dateTime } from './results-list';
import { shortSha256 } from './signing-refusal';
import type { SigningState } from './signing-store';

/** « 1. Signer les résultats »: the centre key's password, its refusals worded (R-FIN: a signed session is frozen). */
export function SignForm({ store }: { store: StoreApi<SigningState> }) {
  const t = useTranslate();
  const { passphrase, sign, editPassphrase, submitSign } = useStore(store);
  return (
    <section aria-labelledby="sign-heading" className="signing-step">
      <h2 id="sign-heading">{t('signing.sign.heading')}</h2>
      <p>{t('signing.sign.intro')}</p>
      {sign.kind === 'refused' && <ProblemAlert problem={sign.problem} />}
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submitSign(); }}>
        <TextField label={t('signing.sign.passphrase')} hint={t('signing.sign.passphraseHint')} type="password"
          error={sign.kind === 'invalid' ? t(sign.said.key, sign.said.params) : undefined}
          value={passphrase} onValue={editPassphrase} autoComplete="off" spellCheck={false} maxLength={1024} />
        <button type="submit" className="primary" disabled={sign.kind === 'sending'}>
          {sign.kind === 'sending' ? t('signing.sign.sending') : t('signing.sign.submit')}
        </button>
      </form>
    </section>
  );
}

/** The signature's facts once signed; the heading takes the focus right after signing (a screen reader hears it). */
export function SignedFacts({ signature, focus }: { signature: SessionSignature; focus: boolean }) {
  const t = useTranslate();
  const locale = useStore(localeStore, (s) => s.locale);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (focus) heading.current?.focus(); }, [focus]);
  return (
    <section aria-labelledby="signed-heading" className="signing-step">
      <h2 id="signed-heading" ref={heading} tabIndex={-1}>{t('signing.signed.heading')}</h2>
      <p className="signed-frozen"><SaidText said={{ key: 'signing.signed.frozen' }} /></p>
      <dl className="facts">
        <div><dt>{t('signing.signed.signer')}</dt><dd>{signature.signer}</dd></div>
        <div><dt>{t('signing.signed.at')}</dt><dd>{dateTime(signature.signedAt, locale)}</dd></div>
        <div><dt>{t('signing.signed.by')}</dt><dd>{t(signature.signedBy === 'manager' ? 'signing.signed.byManager' : 'signing.signed.byInvigilator')}</dd></div>
        <div><dt>{t('signing.signed.sha256')}</dt><dd className="code" translate="no">{shortSha256(signature.bundleSha256)}</dd></div>
        <div><dt>{t('signing.signed.files')}</dt><dd className="code" translate="no">{signature.files.join(', ')}</dd></div>
      </dl>
    </section>
  );
}
