import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import { TextField } from '../../ui/text-field';
import type { PairingField, PairingState } from '../flow/pairing-store';
import { ScreenHeading } from './screen-heading';

export function PairingScreen({ store }: { store: StoreApi<PairingState> }) {
  const t = useTranslate();
  const { fingerprint, fields, status, edit, submit } = useStore(store);
  const problem = (field: PairingField) => {
    if (status.kind !== 'invalid') return undefined;
    const found = status.problems.find((p) => p.field === field);
    return found ? t(found.key) : undefined;
  };
  return (
    <>
      <ScreenHeading>{t('pairing.heading')}</ScreenHeading>
      <p>{t('pairing.intro')}</p>
      <section className="fingerprint" aria-labelledby="fingerprint-label">
        <h2 id="fingerprint-label">{t('pairing.fingerprintLabel')}</h2>
        {fingerprint.kind === 'known'
          ? <p className="fingerprint-value"><code>{fingerprint.value}</code></p>
          : <p>{fingerprint.kind === 'loading' ? t('kioskShell.loading') : t('pairing.fingerprintUnknown')}</p>}
      </section>
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <TextField label={t('pairing.nameLabel')} hint={t('pairing.nameHint')} error={problem('name')}
          value={fields.name} onValue={(v) => edit('name', v)} autoComplete="off" maxLength={80} />
        <TextField label={t('pairing.codeLabel')} hint={t('pairing.codeHint')} error={problem('code')} className="short"
          value={fields.code} onValue={(v) => edit('code', v)} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        {status.kind === 'refused' && <p role="alert" className="form-error">{t(status.key)}</p>}
        {status.kind === 'invalid' && <p role="alert" className="visually-hidden">{status.problems.map((p) => t(p.key)).join(' ')}</p>}
        <button type="submit" className="primary" disabled={status.kind === 'sending'}>
          {status.kind === 'sending' ? t('pairing.sending') : t('pairing.submit')}
        </button>
      </form>
    </>
  );
}
