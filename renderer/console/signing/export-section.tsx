import { useId, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BundleDocument } from '../../../shared/formats/route-params';
import { routePath } from '../../../shared/formats/route-table';
import { ROUTES } from '../../../shared/formats/routes';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { bundleFileName, sendCommand } from './export-command';
import { ProblemAlert, SaidText } from './problem-view';
import type { SigningState } from './signing-store';

const DOCUMENTS: { document: BundleDocument; label: MessageKey }[] = [
  { document: 'attendance', label: 'signing.documents.attendance' },
  { document: 'incidents', label: 'signing.documents.incidents' },
];

/** « 2. Les documents à imprimer »: each PDF of the signed bundle, opened in a new tab (the station's route, its exact bytes). */
export function DocumentsSection({ sessionId }: { sessionId: number }) {
  const t = useTranslate();
  return (
    <section aria-labelledby="documents-heading" className="signing-step">
      <h2 id="documents-heading">{t('signing.documents.heading')}</h2>
      <p>{t('signing.documents.intro')}</p>
      <ul className="document-links">
        {DOCUMENTS.map(({ document, label }) => (
          <li key={document}>
            <a href={routePath(ROUTES.sessionDocument.path, { sessionId, document })} target="_blank" rel="noopener">{t(label)}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * « 4. Sans internet : exporter le lot sur une clé USB »: the download (the station names the file), what to do on
 * a connected computer (`passation send`), and « Importer le reçu » for the file brought back.
 */
export function ExportSection({ store, sessionId, sessionNumber }: { store: StoreApi<SigningState>; sessionId: number; sessionNumber: number }) {
  const t = useTranslate();
  const { receiptImport, importReceipt } = useStore(store);
  const file = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const fileId = useId();
  const fileName = bundleFileName(sessionNumber);
  const invalid = receiptImport.kind === 'invalid';
  return (
    <section aria-labelledby="export-heading" className="signing-step">
      <h2 id="export-heading">{t('signing.export.heading')}</h2>
      <p><a className="button-link" href={routePath(ROUTES.bundle.path, { sessionId })} download={fileName}>{t('signing.export.link', { file: fileName })}</a></p>
      <ol className="export-steps">
        <li>{t('signing.export.step1')}</li>
        <li>
          {t('signing.export.step2')}
          <figure className="command">
            <figcaption>{t('signing.export.command')}</figcaption>
            <pre><code translate="no">{sendCommand(sessionNumber, t('signing.export.platformPlaceholder'))}</code></pre>
          </figure>
        </li>
        <li>{t('signing.export.step3')}</li>
      </ol>
      {receiptImport.kind === 'refused' && <ProblemAlert problem={receiptImport.problem} />}
      {receiptImport.kind === 'imported' && (
        <p role="status" className="receipt-imported">{t(receiptImport.already ? 'signing.receipt.already' : 'signing.receipt.imported')}</p>
      )}
      <form className="form" noValidate onSubmit={(e) => { e.preventDefault(); void importReceipt(file.current?.files?.[0] ?? null); }}>
        <div className="field file-field" data-invalid={invalid ? 'true' : undefined}>
          <label htmlFor={fileId}>
            {t('signing.receipt.file')}
            <span className="file-button" aria-hidden="true">{t('signing.receipt.choose')}</span>
          </label>
          <p id={`${fileId}-chosen`} className="file-chosen">{chosen === null ? t('signing.receipt.noneChosen') : t('signing.receipt.chosen', { name: chosen })}</p>
          {invalid && <p id={`${fileId}-error`} className="field-error"><SaidText said={receiptImport.said} /></p>}
          <input id={fileId} ref={file} type="file" accept=".json,application/json" onChange={(e) => setChosen(e.target.files?.[0]?.name ?? null)}
            aria-invalid={invalid ? true : undefined} aria-describedby={[`${fileId}-chosen`, invalid ? `${fileId}-error` : ''].join(' ').trim()} />
        </div>
        <button type="submit" disabled={receiptImport.kind === 'importing'}>
          {receiptImport.kind === 'importing' ? t('signing.receipt.importing') : t('signing.receipt.submit')}
        </button>
      </form>
    </section>
  );
}
