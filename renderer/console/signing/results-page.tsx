import { useTranslate } from '../../ui/i18n/locale-store';
import { FocusedHeading } from '../screens/focused-heading';
import type { SessionPageProps } from '../navigation/page-props';

/** The results received from the platform, and the printable list — placeholder of the console's skeleton, replaced by the page itself. */
export function ResultsPage(_props: SessionPageProps) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('results.heading')}</FocusedHeading></main>;
}
