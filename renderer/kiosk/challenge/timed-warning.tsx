import { useTranslate } from '../../ui/i18n/locale-store';
import type { TimedWarningProps } from './challenge-contract';
import { ChallengeHeading } from './challenge-heading';
import { spokenDuration } from './countdown-announcement';
import './challenge.css';

/**
 * R-VAL-5, R-VAL-6 — before a timed challenge: its duration with the pupil's extra time already applied
 * (`seconds`, read as minutes and seconds), what happens when time is up, then « Commencer ».
 */
export function TimedWarning({ challenge, total, seconds, onBegin }: TimedWarningProps) {
  const t = useTranslate();
  const { key, params } = spokenDuration(seconds);
  return (
    <div className="challenge-screen challenge-warning">
      <ChallengeHeading challenge={challenge} total={total} heading={t('timedWarning.heading', { position: challenge.position, total })} />
      <p className="lead">{t('timedWarning.duration', { duration: t(key, params) })}</p>
      <p>{t('timedWarning.start')}</p>
      <p>{t('timedWarning.timeUp')}</p>
      <div className="challenge-actions">
        <button type="button" className="primary" onClick={onBegin}>{t('timedWarning.begin')}</button>
      </div>
    </div>
  );
}
