import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedHeading } from '../../screens/focused-heading';
import type { PageProps } from '../../navigation/page-props';

/** The centre’s sessions: the list, creation and editing (R-SESS-1) — placeholder of the console's skeleton, replaced by the page itself. */
export function SessionsPage(_props: PageProps) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('sessions.heading')}</FocusedHeading></main>;
}
