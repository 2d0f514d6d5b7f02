import { useId, useMemo, useRef, useState } from 'react';
import { useTranslate } from '../../ui/i18n/locale-store';
import { AnswerControls } from './answer-controls';
import { answerFormFor, answerFrom, EMPTY_STATE, isEmptyAnswer, type FormState } from './answer-form';
import type { ChallengeViewProps } from './challenge-contract';
import { ChallengeHeading } from './challenge-heading';
import { ChallengeAttachments, ChallengeEmbed, ChallengeIllustration } from './challenge-media';
import { ConfirmEmptyDialog } from './confirm-empty-dialog';
import { CountdownView } from './countdown-view';
import { InstructionView } from './instruction-view';
import './challenge.css';

/**
 * Issue 8 §1 — the challenge being answered: « Question i sur N », the instruction, its media, the controls of its
 * type, « Je passe » and « Je valide ». Nothing here says whether an answer was right. Each challenge gets a fresh
 * screen (its own form state, focus on its heading), whatever the flow does with keys.
 */
export function ChallengeView(props: ChallengeViewProps) {
  return <ChallengeScreen key={props.challenge.challengeId} {...props} />;
}

function ChallengeScreen({ challenge, total, countdown, focusLost, assets, keeping, onAnswer }: ChallengeViewProps) {
  const t = useTranslate();
  const form = useMemo(() => answerFormFor(challenge), [challenge]);
  const [state, setState] = useState<FormState>(EMPTY_STATE);
  const [alternativeShown, setAlternativeShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const validate = useRef<HTMLButtonElement>(null);
  const alternativeId = useId();

  const submit = () => {
    if (keeping) return;
    if (isEmptyAnswer(form, state)) setConfirming(true);
    else onAnswer(answerFrom(form, state));
  };
  const cancelConfirm = () => {
    setConfirming(false);
    // Back on « Je valide » once the question is no longer inert.
    queueMicrotask(() => validate.current?.focus());
  };

  const alternative = challenge.alternativeInstruction;
  return (
    <div className="challenge-screen" data-challenge-type={challenge.type}>
      <div className="challenge-body" inert={confirming}>
        <ChallengeHeading challenge={challenge} total={total} heading={t('challenge.heading', { position: challenge.position, total })} />
        {countdown && <CountdownView countdown={countdown} />}
        {focusLost && <p role="status" className="notice challenge-focus-lost">{t('challenge.focusLost')}</p>}
        <InstructionView blocks={challenge.instruction} />
        {alternative !== undefined && alternative.trim() !== '' && (
          <div className="challenge-alternative">
            <button type="button" aria-expanded={alternativeShown} aria-controls={alternativeId} onClick={() => setAlternativeShown((shown) => !shown)}>
              {t(alternativeShown ? 'challenge.hideAlternative' : 'challenge.showAlternative')}
            </button>
            <p id={alternativeId} hidden={!alternativeShown} className="challenge-alternative-text">{alternative}</p>
          </div>
        )}
        {challenge.illustration && <ChallengeIllustration illustration={challenge.illustration} assets={assets} />}
        {challenge.attachment && <ChallengeAttachments files={challenge.attachment.assets} assets={assets} />}
        {challenge.embed && <ChallengeEmbed embed={challenge.embed} />}
        <AnswerControls form={form} state={state} numeric={challenge.format === 'nombre'} onChange={setState} />
        <div className="challenge-actions" aria-busy={keeping}>
          <button type="button" disabled={keeping} onClick={() => onAnswer({ skipped: true })}>{t('challenge.skip')}</button>
          <button ref={validate} type="button" className="primary" disabled={keeping} onClick={submit}>{t('challenge.validate')}</button>
        </div>
      </div>
      {confirming && (
        <ConfirmEmptyDialog
          keeping={keeping}
          onCancel={cancelConfirm}
          onConfirm={() => { if (!keeping) onAnswer(answerFrom(form, state)); }}
        />
      )}
    </div>
  );
}
