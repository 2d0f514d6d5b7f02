import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedHeading } from '../../screens/focused-heading';
import type { PageProps } from '../../navigation/page-props';

/** One session: its details, roster import, packages and invigilator password — placeholder of the console's skeleton, replaced by the page itself. */
export function SessionPage(_props: PageProps & { sessionId: number }) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('sessions.heading')}</FocusedHeading></main>;
}
