/**
 * Test-only page for e2e/challenge-screens.spec.ts: the challenge screens alone, in real Chromium, under the
 * station's page CSP, without the test flow (renderer/kiosk/flow/ owns the real sequence). It shows the
 * challenges the spec puts in `window.__harness`, one after the other: the warning first for a timed or a
 * focused one, then the challenge; each answer is recorded in `window.__answers` and the next one comes after
 * a short « keeping » (as IndexedDB would take). Not part of the kiosk's build.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { KioskAsset, KioskChallenge } from '../../../../shared/formats/kiosk-api';
import { localeStore } from '../../../ui/i18n/locale-store';
import '../../../ui/theme/screen.css';
import '../../kiosk.css';
import type { AssetSource, Countdown, PupilAnswer } from '../challenge-contract';
import { ChallengeView } from '../challenge-view';
import { FocusedWarning } from '../focused-warning';
import { TimedWarning } from '../timed-warning';

interface HarnessInput {
  challenges: KioskChallenge[];
  total: number;
  /** The bytes of each asset (the demo content's own), by asset id; an asset without bytes is unavailable. */
  assetData: Record<string, { base64: string; mediaType: string }>;
  locale?: 'fr' | 'en';
}
interface HarnessWindow {
  __harness: HarnessInput;
  __answers: { challengeId: string; answer: PupilAnswer }[];
  __downloads: string[];
}
const harnessWindow = window as unknown as HarnessWindow;
const input = harnessWindow.__harness;
harnessWindow.__answers = [];
harnessWindow.__downloads = [];
if (input.locale) localeStore.getState().setLocale(input.locale);

const KEEPING_MS = 40;

/** An asset as the flow gives it: a blob: URL of its bytes, or null when it cannot be had. */
const assets: AssetSource = {
  async objectUrl(asset: KioskAsset) {
    const data = input.assetData[asset.id];
    if (!data) return null;
    const bytes = Uint8Array.from(atob(data.base64), (char) => char.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: data.mediaType }));
  },
  async download(asset: KioskAsset) { harnessWindow.__downloads.push(asset.fileName); },
};

type Phase = 'warning' | 'answering';

function Harness() {
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>(() => needsWarning(input.challenges[0]) ? 'warning' : 'answering');
  const [countdown, setCountdown] = useState<Countdown | null>(null);
  const [keeping, setKeeping] = useState(false);
  const challenge = input.challenges[index];
  if (!challenge) return <p data-testid="harness-done">—</p>;

  const begin = () => {
    if (challenge.timer) {
      const end = performance.now() + challenge.timer.seconds * 1000;
      setCountdown({ totalSeconds: challenge.timer.seconds, remainingMs: () => end - performance.now() });
    }
    setPhase('answering');
  };
  const onAnswer = (answer: PupilAnswer) => {
    setKeeping(true);
    setTimeout(() => {
      harnessWindow.__answers.push({ challengeId: challenge.challengeId, answer });
      const next = input.challenges[index + 1];
      setKeeping(false);
      setCountdown(null);
      setPhase(needsWarning(next) ? 'warning' : 'answering');
      setIndex(index + 1);
    }, KEEPING_MS);
  };

  if (phase === 'warning' && challenge.timer) return <TimedWarning challenge={challenge} total={input.total} seconds={challenge.timer.seconds} onBegin={begin} />;
  if (phase === 'warning') return <FocusedWarning challenge={challenge} total={input.total} onReady={begin} />;
  return <ChallengeView challenge={challenge} total={input.total} countdown={countdown} focusLost={false} assets={assets} keeping={keeping} onAnswer={onAnswer} />;
}

function needsWarning(challenge: KioskChallenge | undefined): boolean {
  return challenge !== undefined && (challenge.timer !== undefined || challenge.focused);
}

createRoot(document.getElementById('root')!).render(<Harness />);
