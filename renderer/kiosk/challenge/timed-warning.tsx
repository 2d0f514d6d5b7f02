// Placeholder — replaced by the challenge screens at merge
import type { TimedWarningProps } from './challenge-contract';

export function TimedWarning(props: TimedWarningProps) {
  return (
    <section aria-labelledby="timed-heading">
      <h1 id="timed-heading" tabIndex={-1} className="screen-heading">{`Question ${props.challenge.position} sur ${props.total} — épreuve chronométrée`}</h1>
      <p>{`Vous aurez ${props.seconds} secondes.`}</p>
      <button type="button" className="primary" onClick={props.onBegin}>Commencer</button>
    </section>
  );
}
