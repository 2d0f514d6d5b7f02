import type { KioskSuspension } from '../../../shared/formats/kiosk-api';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { END_HEADING, type ResumeStep, type TestEnd } from '../flow/kiosk-screen';
import { ScreenHeading } from './screen-heading';

/**
 * The test's screens around the challenges (issue 8 §1): « appelez le surveillant » until the resume is authorised,
 * the suspension with its cause, the end pages, a test reopened elsewhere, a resume too late. Each changes by itself
 * (kiosk socket, `stateChanged`); `data-screen` names it for the technician.
 */

const RESUME_BODY: Record<ResumeStep, MessageKey> = {
  reEntering: 'resume.reEntering',
  waitingForResume: 'resume.waitingForResume',
  resuming: 'resume.resuming',
};

export function ResumeScreen({ step }: { step: ResumeStep }) {
  const t = useTranslate();
  return (
    <div data-screen={`resume-${step}`}>
      <ScreenHeading>{t('resume.heading')}</ScreenHeading>
      <p className="lead" role="status">{t(RESUME_BODY[step])}</p>
    </div>
  );
}

export function SuspendedScreen({ suspension }: { suspension: KioskSuspension | null }) {
  const t = useTranslate();
  return (
    <div data-screen="suspended">
      <ScreenHeading>{t('suspended.heading')}</ScreenHeading>
      {suspension && <p className="lead">{t('suspended.cause', { kind: t(`suspension.${suspension.kind}`) })}</p>}
      {suspension && suspension.cause !== '' && <p>{t('suspended.detail', { cause: suspension.cause })}</p>}
      <p>{t('suspended.body')}</p>
    </div>
  );
}

const END_BODY = {
  completed: 'ended.completed.body',
  endedByInvigilator: 'ended.byInvigilator.body',
  endedDueToFinalisation: 'ended.byFinalisation.body',
} as const satisfies Record<TestEnd, MessageKey>;

export function EndedScreen({ end }: { end: TestEnd }) {
  const t = useTranslate();
  return (
    <div data-screen={`ended-${end}`}>
      <ScreenHeading>{t(END_HEADING[end])}</ScreenHeading>
      <p className="lead">{t(END_BODY[end])}</p>
    </div>
  );
}

export function ReplacedScreen() {
  const t = useTranslate();
  return (
    <div data-screen="replaced">
      <ScreenHeading>{t('replaced.heading')}</ScreenHeading>
      <p className="lead">{t('replaced.body')}</p>
    </div>
  );
}

export function ResumeExpiredScreen() {
  const t = useTranslate();
  return (
    <div data-screen="resume-expired">
      <ScreenHeading>{t('resumeExpired.heading')}</ScreenHeading>
      <p className="lead">{t('resumeExpired.body')}</p>
    </div>
  );
}
