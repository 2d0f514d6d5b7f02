import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useTranslate } from '../../../ui/i18n/locale-store';
import { FileField } from './file-field';
import { kindKey, versionText } from './package-facts';
import { useLocale } from './use-locale';
import type { PackagesState } from './packages-store';

/** « Importer depuis un fichier »: the package (.json) and its signature (.p7s); the outcome in one sentence. */
export function PackageUploadForm({ store }: { store: StoreApi<PackagesState> }) {
  const t = useTranslate();
  const locale = useLocale();
  const upload = useStore(store, (s) => s.upload);
  const [reset, setReset] = useState(0);
  const problems = upload.kind === 'invalid' ? upload.problems : {};
  const refusedOn = upload.kind === 'refused' ? upload.field : null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await store.getState().sendUpload()) setReset((n) => n + 1);
  };
  return (
    <section aria-labelledby="upload-heading" className="centre-section">
      <h2 id="upload-heading">{t('centre.uploadHeading')}</h2>
      <p>{t('centre.uploadIntro')}</p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <FileField label={t('centre.uploadPackageLabel')} accept=".json,application/json" resetKey={reset}
          error={problems.package ? t(problems.package) : refusedOn === 'package' ? t('centre.fieldRefusedPackage') : undefined}
          onFile={(f) => store.getState().choosePackage(f)} />
        <FileField label={t('centre.uploadSignatureLabel')} accept=".p7s" resetKey={reset}
          error={problems.signature ? t(problems.signature) : refusedOn === 'signature' ? t('centre.fieldRefusedSignature') : undefined}
          onFile={(f) => store.getState().chooseSignature(f)} />
        <button type="submit" className="primary" disabled={upload.kind === 'sending'}>
          {upload.kind === 'sending' ? t('centre.uploadSending') : t('centre.uploadSubmit')}
        </button>
      </form>
      <div role="status" className="centre-outcome">
        {upload.kind === 'imported' && (
          <p className="ok-text">
            {t(upload.created ? 'centre.uploadImported' : 'centre.uploadAlreadyThere', { kind: t(kindKey(upload.package.kind)), id: upload.package.packageId, version: versionText(upload.package, locale) })}
          </p>
        )}
      </div>
      <div role="alert" className="centre-alert">
        {upload.kind === 'invalid' && <p className="centre-problem">{t('centre.uploadInvalid')}</p>}
        {upload.kind === 'refused' && <p className="centre-problem">{t(upload.key)} {t('centre.nothingImported')}</p>}
      </div>
    </section>
  );
}
