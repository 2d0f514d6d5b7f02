import { useTranslate } from '../../ui/i18n/locale-store';
import { FocusedHeading } from '../screens/focused-heading';
import type { SessionPageProps } from '../navigation/page-props';

/** Signing, sending or exporting the results — placeholder of the console's skeleton, replaced by the page itself. */
export function SigningPage(_props: SessionPageProps) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('signing.heading')}</FocusedHeading></main>;
}
