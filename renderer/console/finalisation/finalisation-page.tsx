import { useTranslate } from '../../ui/i18n/locale-store';
import { FocusedHeading } from '../screens/focused-heading';
import type { SessionPageProps } from '../navigation/page-props';

/** The finalisation wizard (R-FIN-1..3) and its review — placeholder of the console's skeleton, replaced by the page itself. */
export function FinalisationPage(_props: SessionPageProps) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('finalisation.heading')}</FocusedHeading></main>;
}
