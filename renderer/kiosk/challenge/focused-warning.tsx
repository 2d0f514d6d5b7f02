// Placeholder — replaced by the challenge screens at merge
import type { FocusedWarningProps } from './challenge-contract';

export function FocusedWarning(props: FocusedWarningProps) {
  return (
    <section aria-labelledby="focused-heading">
      <h1 id="focused-heading" tabIndex={-1} className="screen-heading">{`Question ${props.challenge.position} sur ${props.total} — épreuve en mode focus`}</h1>
      <p>Restez sur cette page jusqu’à votre réponse.</p>
      <button type="button" className="primary" onClick={props.onReady}>Je suis prêt</button>
    </section>
  );
}
