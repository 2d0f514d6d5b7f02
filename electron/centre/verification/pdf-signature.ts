/** The one signature of a PDF as the centre writes it (reports/sign-pdf.ts): what it covers and its CMS. */
export interface PdfSignature {
  /** The signed bytes: the file without the `<…>` of /Contents (ByteRange). */
  signedBytes: Buffer;
  /** The CMS SignedData (DER), without the zero padding of the placeholder. */
  cms: Buffer;
  /** What the signature dictionary says (signed bytes, PDFDocEncoding read as Latin-1): /Reason, /M, /Location. */
  reason: string;
  /** `D:YYYYMMDDHHmmSSZ` */
  date: string;
  location: string;
}

export type PdfSignatureResult = { ok: true; signature: PdfSignature } | { ok: false; reason: string };

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Length of the DER element at the start of `bytes` (definite lengths only), or null when it cannot be read. */
function derLength(bytes: Buffer): number | null {
  if (bytes.length < 2) return null;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length;
}

/**
 * Finds the PDF's signature (PAdES, ETSI.CAdES.detached) and checks its frame as the centre writes it: exactly
 * one /ByteRange; it starts at 0, leaves out exactly the `<…>` of /Contents and runs to the last byte of the file
 * (nothing appended after signing); /Contents is lower-case hex, a DER structure followed by zeros only. Any other
 * shape is refused with a French reason: a byte the signature does not cover must still be the one written.
 */
export function pdfSignature(pdf: Buffer): PdfSignatureResult {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(BYTE_RANGE)];
  if (ranges.length !== 1) return { ok: false, reason: `une signature PDF attendue, ${ranges.length} trouvée(s) (/ByteRange)` };
  const [a, b, c, d] = ranges[0]!.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || c + d !== pdf.length || b >= c || c > pdf.length) {
    return { ok: false, reason: `la signature ne couvre pas tout le fichier (/ByteRange [${a} ${b} ${c} ${d}], fichier de ${pdf.length} octets)` };
  }
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return { ok: false, reason: 'la zone non signée n’est pas exactement la valeur /Contents <…>' };
  if (!/\/Contents\s*$/.test(text.slice(Math.max(0, b - 32), b))) return { ok: false, reason: 'la zone non signée n’est pas la valeur de /Contents' };
  const hex = text.slice(b + 1, c - 1);
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return { ok: false, reason: '/Contents n’est pas en hexadécimal (minuscules, nombre pair de chiffres)' };
  const bytes = Buffer.from(hex, 'hex');
  const length = derLength(bytes);
  if (length === null || length > bytes.length) return { ok: false, reason: '/Contents ne contient pas une structure CMS lisible' };
  if (bytes.subarray(length).some((byte) => byte !== 0)) return { ok: false, reason: '/Contents : des octets autres que des zéros suivent la signature' };
  // The dictionary sign-pdf.ts writes right after /Contents (inside the signed bytes).
  const dictionary = /^\s*\/Reason \(([^)]*)\)\s*\/M \((D:\d{14}Z)\)\s*\/ContactInfo \([^)]*\)\s*\/Name \([^)]*\)\s*\/Location \(([^)]*)\)/.exec(text.slice(c, c + 2048));
  if (dictionary === null) return { ok: false, reason: 'dictionnaire de signature inattendu (/Reason, /M, /Location après /Contents)' };
  return {
    ok: true,
    signature: {
      signedBytes: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c)]), cms: bytes.subarray(0, length),
      reason: dictionary[1]!, date: dictionary[2]!, location: dictionary[3]!,
    },
  };
}
