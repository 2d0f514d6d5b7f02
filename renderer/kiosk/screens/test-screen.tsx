import { useLayoutEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useTranslate } from '../../ui/i18n/locale-store';
import { ChallengeView } from '../challenge/challenge-view';
import { FocusedWarning } from '../challenge/focused-warning';
import { TimedWarning } from '../challenge/timed-warning';
import type { AssetSource } from '../challenge/challenge-contract';
import type { KioskFlowState } from '../flow/kiosk-flow-store';
import { markPaintedNextFrame } from '../flow/paint-marks';
import { countdownSeconds } from '../flow/test-progress';

/**
 * The challenge of the moment in its phase: the timed warning, the focused warning, or the challenge (the
 * challenge screens, renderer/kiosk/challenge/). Renders from the flow store and calls its actions, nothing else.
 */
export function TestScreen({ flow, assets }: { flow: StoreApi<KioskFlowState>; assets: () => AssetSource | null }) {
  const t = useTranslate();
  const running = useStore(flow, (s) => s.running);
  const { begin, answer, countdown } = flow.getState();
  const challenge = running && running.index !== null ? running.kept.test.challenges[running.index]! : null;
  const source = assets();
  const answering = running?.phase === 'answering';
  // The frame that paints the next challenge's heading: `passation:painted` (paint-marks.ts, for bench:kiosk) —
  // on its warning screen too, when it opens on one (a timed or focused challenge): that is what « Je valide » led to.
  const shownId = challenge?.challengeId ?? null;
  const phase = running?.phase ?? null;
  useLayoutEffect(() => {
    if (shownId !== null) markPaintedNextFrame();
  }, [shownId, phase]);
  if (!running || !challenge || !source) return <p role="status">{t('testFlow.preparing')}</p>;
  const total = running.kept.test.challenges.length;
  const key = `${challenge.challengeId}-${running.phase}`;
  return (
    <>
      {running.phase === 'timedWarning' && (
        <TimedWarning key={key} challenge={challenge} total={total}
          seconds={countdownSeconds(challenge, running.kept.countdownSeconds, running.currentTimers) ?? 0} onBegin={() => void begin()} />
      )}
      {running.phase === 'focusedWarning' && <FocusedWarning key={key} challenge={challenge} total={total} onReady={() => void begin()} />}
      {answering && (
        <ChallengeView key={key} challenge={challenge} total={total} countdown={countdown()} focusLost={running.focusLost}
          assets={source} keeping={running.keeping} onAnswer={(a) => void answer(a)} />
      )}
      {running.problem && <p role="alert" className="form-error">{t(running.problem)}</p>}
    </>
  );
}
