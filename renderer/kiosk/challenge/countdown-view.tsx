import { useEffect, useId, useRef, useState } from 'react';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { Countdown } from './challenge-contract';
import { announcementAt, clockText, spokenDuration, wholeSecondsLeft } from './countdown-announcement';

/** How often the countdown is read (the display changes each second; a reading is cheap). */
export const COUNTDOWN_READ_MS = 250;

/**
 * R-VAL-5 — the visible countdown (mm:ss, re-read from the flow's clock, so a reload does not restart it) and a
 * polite live region that speaks at sensible moments only (countdown-announcement.ts). When time is up the
 * pupil is told they may still answer.
 */
export function CountdownView({ countdown }: { countdown: Countdown }) {
  const t = useTranslate();
  const labelId = useId();
  const [seconds, setSeconds] = useState(() => wholeSecondsLeft(countdown.remainingMs()));
  const [said, setSaid] = useState('');
  const previous = useRef<number | null>(null);

  useEffect(() => {
    const read = () => setSeconds(wholeSecondsLeft(countdown.remainingMs()));
    read();
    const timer = setInterval(read, COUNTDOWN_READ_MS);
    return () => clearInterval(timer);
  }, [countdown]);

  useEffect(() => {
    const announcement = announcementAt(previous.current, seconds);
    previous.current = seconds;
    if (announcement === null) return;
    if (announcement.kind === 'timeUp') setSaid(t('challenge.timeUp'));
    else {
      const { key, params } = spokenDuration(announcement.seconds);
      setSaid(t('challenge.countdownLeft', { duration: t(key, params) }));
    }
  }, [seconds, t]);

  return (
    <div className="challenge-countdown" data-time-up={seconds === 0 ? 'true' : undefined}>
      <p role="timer" aria-labelledby={labelId} className="challenge-clock">
        <span id={labelId}>{t('challenge.countdownLabel')}</span>{' '}
        <span className="challenge-clock-value">{clockText(seconds)}</span>
      </p>
      {seconds === 0 && <p className="challenge-time-up">{t('challenge.timeUp')}</p>}
      <p aria-live="polite" aria-atomic="true" className="visually-hidden">{said}</p>
    </div>
  );
}
