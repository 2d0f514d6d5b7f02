import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../../ui/i18n/locale-store';
import type { KiosksState } from './kiosks-store';
import { codeForTheEar, codeForTheEye, minutesAndSeconds, secondsLeft } from './pairing-countdown';

/** While a code is shown, the kiosks' list is read this often: the kiosk that used it appears by itself. */
const KIOSKS_REFRESH_MS = 5000;

/**
 * « Appairer un poste candidat »: a single-use 6-digit code shown large with its expiry counting down, and the
 * station's certificate fingerprint the technician compares on the kiosk before typing the code.
 */
export function PairingSection({ store }: { store: StoreApi<KiosksState> }) {
  const t = useTranslate();
  const { pairing, fingerprint, kiosks } = useStore(store);
  const [now, setNow] = useState(() => Date.now());
  const shown = pairing.kind === 'shown' ? pairing : null;
  const left = shown ? secondsLeft(shown.expiresAt, now) : 0;
  // A kiosk listed since the code was given: the code has served (single use).
  const known = shown?.knownKioskIds ?? null;
  const pairedWith = known && kiosks.kind === 'ready' ? kiosks.kiosks.find((k) => !known.includes(k.id)) : undefined;
  const live = shown !== null && left > 0 && !pairedWith;
  useEffect(() => {
    if (!live) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const refresh = setInterval(() => void store.getState().loadKiosks(), KIOSKS_REFRESH_MS);
    return () => { clearInterval(tick); clearInterval(refresh); };
  }, [live, store]);
  const { minutes, seconds } = minutesAndSeconds(left);
  return (
    <section aria-labelledby="pairing-heading" className="centre-section">
      <h2 id="pairing-heading">{t('centre.pairingHeading')}</h2>
      <ol className="steps">
        <li>{t('centre.pairingStep1')}</li>
        <li>{t('centre.pairingStep2')}</li>
        <li>{t('centre.pairingStep3')}</li>
      </ol>
      <div className="centre-item">
        <h3 id="fingerprint-heading">{t('centre.fingerprintHeading')}</h3>
        {fingerprint.kind === 'loading' && <p role="status">{t('centre.loading')}</p>}
        {fingerprint.kind === 'known' && <p><code className="fingerprint-text">{fingerprint.value}</code></p>}
        {fingerprint.kind === 'unknown' && <p className="centre-notice">{t('centre.fingerprintUnknown')}</p>}
      </div>
      <button type="button" className="primary" disabled={pairing.kind === 'asking'} onClick={() => { setNow(Date.now()); void store.getState().askCode(); }}>
        {t(shown ? 'centre.pairingNewCode' : 'centre.pairingAsk')}
      </button>
      {pairing.kind === 'failed' && <p role="alert" className="centre-problem">{t(pairing.key)}</p>}
      {shown && (
        <div className="pairing-code-box" data-expired={left === 0 ? 'true' : undefined}>
          <p className="pairing-label">{t('centre.pairingCodeLabel')}</p>
          <p className="pairing-code" aria-hidden="true">{codeForTheEye(shown.code)}</p>
          <p className="centre-hidden">{t('centre.pairingCodeSpoken', { digits: codeForTheEar(shown.code) })}</p>
          {pairedWith
            ? <p role="status" className="ok-text">{t('centre.pairingUsed', { name: pairedWith.name })}</p>
            : left > 0
              ? <p>{t('centre.pairingExpiresIn', { minutes, seconds })} <span className="muted">{t('centre.pairingExpiresAt', { at: new Date(shown.expiresAt) })}</span></p>
              : <p role="status" className="problem-text">{t('centre.pairingExpired')}</p>}
        </div>
      )}
    </section>
  );
}
