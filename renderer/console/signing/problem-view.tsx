import { useTranslate } from '../../ui/i18n/locale-store';
import { placeHash } from '../navigation/place';
import type { Said } from './outbox-view';
import type { Problem } from './signing-refusal';

/** A link to the centre manager's page (the centre's certificate, the platform's address). */
export function ManagerCentreLink() {
  const t = useTranslate();
  return <a href={placeHash({ area: 'manager', page: 'centre' })}>{t('signing.managerCentreLink')}</a>;
}

/** One sentence the page says (with its parameters). */
export function SaidText({ said }: { said: Said }) {
  const t = useTranslate();
  return <>{t(said.key, said.params)}</>;
}

/** A refusal, as an alert: the sentence, and the manager's page when only the manager can fix it. */
export function ProblemAlert({ problem }: { problem: Problem }) {
  return (
    <div role="alert" className="form-error">
      <p><SaidText said={problem.said} /></p>
      {problem.managerMustAct && <p><ManagerCentreLink /></p>}
    </div>
  );
}
