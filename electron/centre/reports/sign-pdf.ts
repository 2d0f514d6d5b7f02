import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { signCadesDetached, type CadesSigner } from '../pki/cades-sign';

/** The centre's key and certificate (PEM or forge objects) and what the signature says. */
export interface PdfSigner extends CadesSigner {
  /** The signature's date (`/M`): from the data (the finalisation), never the clock, so the bytes are reproducible. */
  signingTime: Date;
  /** French, e.g. « Feuille d’émargement de la session n° 12, certifiée par le centre ». */
  reason: string;
  /** French, e.g. the centre's name and site. */
  location: string;
  /** Defaults to the certificate's organisation (the centre's name) and common name (its id). */
  name?: string;
  contactInfo?: string;
}

/** Room for the CMS (hex doubles it): two RSA-2048 certificates and the signer info take about 2.5 kB. */
const SIGNATURE_BYTES = 12 * 1024;

// The placeholder writes these texts as PDF literal strings byte by byte (PDFDocEncoding, no escaping): keep
// Latin-1, write typographic quotes and dashes plainly, and replace what could break the string.
const PLAIN: Record<string, string> = { '’': "'", '‘': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '(': '[', ')': ']', '\\': '/' };
export function pdfDocText(text: string): string {
  return Array.from(text.normalize('NFC')).map((c) => {
    if (c in PLAIN) return PLAIN[c]!;
    const code = c.codePointAt(0)!;
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) ? c : '?';
  }).join('');
}

function subjectName(certificate: CadesSigner['certificate']): string {
  const cert = typeof certificate === 'string' ? forge.pki.certificateFromPem(certificate) : certificate;
  const field = (name: string) => {
    const value = cert.subject.getField(name)?.value as string | undefined;
    // forge reads UTF8String values as their UTF-8 bytes
    return value === undefined ? undefined : forge.util.decodeUtf8(value);
  };
  return [field('O'), field('CN')].filter((v) => v !== undefined).join(' — ');
}

class CadesPdfSigner extends Signer {
  constructor(private readonly signer: CadesSigner) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return signCadesDetached(pdfBuffer, this.signer);
  }
}

/**
 * PAdES baseline B — signs a PDF with the centre's key: an invisible signature field on the first page, SubFilter
 * ETSI.CAdES.detached, the CMS of pki/cades-sign.ts (signing-certificate-v2, SHA-256) over the byte range.
 * `pdfsig` and PDF readers show the signer (the certificate's name), the date, the reason and the location.
 * The same PDF and signer give the same bytes.
 */
export async function signPdf(pdf: Uint8Array, signer: PdfSigner): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: pdfDocText(signer.reason),
    location: pdfDocText(signer.location),
    name: pdfDocText(signer.name ?? subjectName(signer.certificate)),
    contactInfo: pdfDocText(signer.contactInfo ?? ''),
    signingTime: signer.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Passation',
  });
  const prepared = await doc.save({ useObjectStreams: false, addDefaultPage: false });
  return signpdf.sign(Buffer.from(prepared), new CadesPdfSigner(signer));
}
