// Placeholder — replaced by the challenge screens at merge
import { useEffect, useRef } from 'react';
import type { Answer } from '../../../shared/formats/challenge';
import type { KioskChallenge } from '../../../shared/formats/kiosk-api';
import type { ChallengeViewProps } from './challenge-contract';

/** A trivial answer of the challenge's type (the placeholder has no controls). */
function trivialAnswer(challenge: KioskChallenge): Answer {
  switch (challenge.type) {
    case 'QCU': return { choice: '1' };
    case 'QCM': return { choices: ['1'] };
    case 'QROC': return { value: 'réponse' };
    default: {
      const names = [...challenge.proposals.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!);
      return { values: Object.fromEntries(names.map((n) => [n, 'réponse'])) };
    }
  }
}

export function ChallengeView(props: ChallengeViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, [props.challenge.challengeId]);
  return (
    <section aria-labelledby="challenge-heading">
      <h1 id="challenge-heading" ref={heading} tabIndex={-1} className="screen-heading">{`Question ${props.challenge.position} sur ${props.total}`}</h1>
      {props.focusLost && <p role="alert">La perte de focus a été enregistrée : prévenez le surveillant et répondez quand même.</p>}
      <div className="actions">
        <button type="button" disabled={props.keeping} onClick={() => props.onAnswer({ skipped: true })}>Je passe</button>
        <button type="button" className="primary" disabled={props.keeping} onClick={() => props.onAnswer(trivialAnswer(props.challenge))}>Je valide</button>
      </div>
    </section>
  );
}
