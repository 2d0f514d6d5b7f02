import { useTranslate } from '../../ui/i18n/locale-store';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import type { Candidate } from '../flow/kiosk-screen';
import { ScreenHeading } from './screen-heading';

/** Checked in: the invigilator confirms presence; the screen changes by itself (kiosk socket, `stateChanged`). */
export function WaitingScreen({ candidate }: { candidate: Candidate }) {
  const t = useTranslate();
  return (
    <>
      <ScreenHeading>{t('waiting.heading', { firstName: candidate.firstName, lastName: candidate.lastName })}</ScreenHeading>
      <p className="lead">{t('waiting.body')}</p>
    </>
  );
}

const INSTRUCTIONS: MessageKey[] = ['instructions.noGlobalTimer', 'instructions.skip', 'instructions.timed', 'instructions.focused', 'instructions.doubt'];

export function InstructionsScreen({ starting, problem, onStart }: { starting: boolean; problem: MessageKey | null; onStart(): void }) {
  const t = useTranslate();
  return (
    <>
      <ScreenHeading>{t('instructions.heading')}</ScreenHeading>
      <ul className="instructions">{INSTRUCTIONS.map((key) => <li key={key}>{t(key)}</li>)}</ul>
      {problem && <p role="alert" className="form-error">{t(problem)}</p>}
      <button type="button" className="primary" disabled={starting} onClick={onStart}>
        {starting ? t('instructions.starting') : t('instructions.start')}
      </button>
    </>
  );
}

export function LoadingScreen() {
  const t = useTranslate();
  return <p role="status">{t('kioskShell.loading')}</p>;
}
