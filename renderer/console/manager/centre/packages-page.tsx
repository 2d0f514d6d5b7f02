import { useTranslate } from '../../../ui/i18n/locale-store';
import { FocusedHeading } from '../../screens/focused-heading';
import type { PageProps } from '../../navigation/page-props';

/** The signed packages: imported from a file or downloaded from the platform — placeholder of the console's skeleton, replaced by the page itself. */
export function PackagesPage(_props: PageProps) {
  const t = useTranslate();
  return <main className="screen-main"><FocusedHeading>{t('centre.packagesHeading')}</FocusedHeading></main>;
}
