import { useTranslate } from '../../../ui/i18n/locale-store';
import { dateTimeText } from './dates';
import { importedOrder, kindKey, versionText } from './package-facts';
import type { ImportedList } from './packages-store';
import { useLocale } from './use-locale';

/** The packages this station holds; each was verified against the authority when imported (its signer as the station read it). */
export function ImportedPackages({ imported }: { imported: ImportedList }) {
  const t = useTranslate();
  const locale = useLocale();
  return (
    <section aria-labelledby="imported-heading" className="centre-section">
      <h2 id="imported-heading">{t('centre.importedHeading')}</h2>
      {imported.kind === 'loading' && <p role="status">{t('centre.loading')}</p>}
      {imported.kind === 'failed' && <p role="alert" className="centre-problem">{t(imported.key)}</p>}
      {imported.kind === 'ready' && imported.packages.length === 0 && <p>{t('centre.importedNone')}</p>}
      {imported.kind === 'ready' && imported.packages.length > 0 && (
        <ul className="centre-items">
          {importedOrder(imported.packages).map((p) => (
            <li key={p.id} className="centre-item">
              <h3>{t(kindKey(p.kind))} — {p.packageId}</h3>
              <dl className="facts">
                <div><dt>{t('centre.version')}</dt><dd>{versionText(p, locale)}</dd></div>
                <div><dt>{t('centre.importedAt')}</dt><dd>{dateTimeText(locale, p.importedAt)}</dd></div>
                <div className="wide"><dt>{t('centre.signature')}</dt><dd className="ok-text">{t('centre.signatureVerified')}</dd></div>
                <div className="wide"><dt>{t('centre.signer')}</dt><dd>{p.signer}</dd></div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
