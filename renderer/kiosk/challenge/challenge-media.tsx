import { useEffect, useState } from 'react';
import type { KioskAsset, KioskChallenge } from '../../../shared/formats/kiosk-api';
import { useTranslate } from '../../ui/i18n/locale-store';
import type { AssetSource } from './challenge-contract';

type Illustration = NonNullable<KioskChallenge['illustration']>;
type Embed = NonNullable<KioskChallenge['embed']>;

/** R-CHAL-1 — the illustration with its alt text; while it loads, or when it cannot be had, a calm sentence. */
export function ChallengeIllustration({ illustration, assets }: { illustration: Illustration; assets: AssetSource }) {
  const t = useTranslate();
  // undefined: loading (each challenge gets a fresh screen, so a new illustration starts there).
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  const asset = illustration.asset;
  useEffect(() => {
    let current = true;
    assets.objectUrl(asset).then((found) => { if (current) setUrl(found); }, () => { if (current) setUrl(null); });
    return () => { current = false; };
  }, [asset, assets]);
  if (url === undefined) return <p className="challenge-media-note">{t('challenge.illustrationLoading')}</p>;
  if (url === null) return <p className="challenge-media-note">{t('challenge.illustrationUnavailable')}</p>;
  return (
    <figure className="challenge-illustration">
      <img src={url} alt={illustration.alt} onError={() => setUrl(null)} />
    </figure>
  );
}

/** R-CHAL-1 — one file, possibly in several equivalent formats: one button per format, named by its file name. */
export function ChallengeAttachments({ files, assets }: { files: KioskAsset[]; assets: AssetSource }) {
  const t = useTranslate();
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (files.length === 0) return null;
  const download = (file: KioskAsset) => {
    setFailed(null);
    setBusy(file.id);
    assets.download(file).then(
      () => setBusy(null),
      () => { setBusy(null); setFailed(file.fileName); },
    );
  };
  return (
    <section className="challenge-attachments" aria-labelledby="challenge-attachments-heading">
      <h2 id="challenge-attachments-heading">{t('challenge.attachmentsHeading')}</h2>
      {files.length > 1 && <p>{t('challenge.attachmentsFormats')}</p>}
      <ul>
        {files.map((file) => (
          <li key={file.id}>
            <button type="button" disabled={busy === file.id} onClick={() => download(file)}>
              {t('challenge.attachmentDownload', { fileName: file.fileName })}
            </button>
          </li>
        ))}
      </ul>
      <div role="status">{failed !== null && <p className="challenge-media-note">{t('challenge.attachmentFailed', { fileName: failed })}</p>}</div>
    </section>
  );
}

/** Only an https address is embedded; anything else (http, javascript:, data:, relative, malformed) is not. */
export function isEmbeddable(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

const EMBED_MIN_HEIGHT = 100;
const EMBED_MAX_HEIGHT = 2000;

/**
 * R-CHAL-1 — an embed (https only) in a sandboxed frame: scripts may run inside it, but without the same origin
 * (no cookies, no storage, no access to this page), no forms, no pop-ups, no navigation of the kiosk.
 */
export function ChallengeEmbed({ embed }: { embed: Embed }) {
  const t = useTranslate();
  if (!isEmbeddable(embed.url)) return <p className="challenge-media-note">{t('challenge.embedNotShown')}</p>;
  const height = Math.min(EMBED_MAX_HEIGHT, Math.max(EMBED_MIN_HEIGHT, embed.height));
  return (
    <iframe
      className="challenge-embed"
      src={embed.url}
      title={embed.title}
      height={height}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      allow=""
      loading="lazy"
    />
  );
}
