import { useTranslate } from '../../ui/i18n/locale-store';
import type { FocusedWarningProps } from './challenge-contract';
import { ChallengeHeading } from './challenge-heading';
import './challenge.css';

/** R-VAL-5 — before a focused challenge: stay in the window (leaving it is recorded), then « Je suis prêt ». */
export function FocusedWarning({ challenge, total, onReady }: FocusedWarningProps) {
  const t = useTranslate();
  return (
    <div className="challenge-screen challenge-warning">
      <ChallengeHeading challenge={challenge} total={total} heading={t('focusedWarning.heading', { position: challenge.position, total })} />
      <p className="lead">{t('focusedWarning.body')}</p>
      <p>{t('focusedWarning.recorded')}</p>
      <div className="challenge-actions">
        <button type="button" className="primary" onClick={onReady}>{t('focusedWarning.ready')}</button>
      </div>
    </div>
  );
}
