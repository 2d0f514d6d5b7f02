import { useEffect, useRef } from 'react';
import type { KioskChallenge } from '../../../shared/formats/kiosk-api';
import { useTranslate } from '../../ui/i18n/locale-store';

/**
 * « Question i sur N » (or the warning's heading) and the progress bar whose accessible values are i and N.
 * The heading takes focus when it appears: after each answer, focus lands on the new question's heading.
 */
export function ChallengeHeading({ challenge, total, heading }: { challenge: KioskChallenge; total: number; heading: string }) {
  const t = useTranslate();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, [challenge.challengeId]);
  const position = challenge.position;
  return (
    <div className="challenge-top">
      <h1 ref={ref} tabIndex={-1} className="screen-heading">{heading}</h1>
      <progress
        className="challenge-progress"
        value={position}
        max={total}
        aria-label={t('challenge.progressLabel')}
        aria-valuenow={position}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuetext={t('challenge.heading', { position, total })}
      />
    </div>
  );
}
