import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedHeading } from '../../screens/focused-heading';
import type { PageProps } from '../../navigation/page-props';

/** The centre’s certificate (PKCS#12), the platform’s address, the pairing code and the kiosks — placeholder of the console's skeleton, replaced by the page itself. */
export function CentrePage(_props: PageProps) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('centre.heading')}</FocusedHeading></main>;
}
