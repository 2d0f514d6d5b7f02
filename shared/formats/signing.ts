import { z } from 'zod';

/**
 * The centre's signing key and a session's signature (architecture §2, results bundle): the requests and answers
 * of the signing routes (routes.ts, docs/results-bundle.md).
 */

/** The centre's PKCS#12 (issued by the authority) as base64 of the file's exact bytes, and its password. */
export const CentreKeyImport = z.object({
  pkcs12: z.base64('contenu base64 attendu (le fichier .p12 tel quel)').min(1, 'fichier PKCS#12 obligatoire'),
  password: z.string().min(1, 'mot de passe du fichier PKCS#12 obligatoire').max(1024, '1 024 caractères au plus'),
}).strict();
export type CentreKeyImport = z.infer<typeof CentreKeyImport>;

/** What the station shows of the centre's certificate (never the key). Dates are ISO 8601 UTC. */
export const CentreKeyInfo = z.object({
  /** « O=Lycée Érable, CN=0123456A » */
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  /** SHA-256 of the certificate, `AB:CD:…` (as `openssl x509 -fingerprint -sha256` prints it). */
  fingerprint: z.string(),
  importedAt: z.string(),
}).strict();
export type CentreKeyInfo = z.infer<typeof CentreKeyInfo>;

export const CentreKeyAnswer = z.object({ key: CentreKeyInfo.nullable() }).strict();

/** The passphrase that opens the key at rest (for the headless station: the PKCS#12's password). */
export const SessionSignRequest = z.object({
  passphrase: z.string().min(1, 'phrase de passe de la clé du centre obligatoire').max(1024, '1 024 caractères au plus'),
}).strict();
export type SessionSignRequest = z.infer<typeof SessionSignRequest>;

/** The stored signature of a session; the bundle itself is downloaded from the bundle route. */
export const SessionSignature = z.object({
  sessionId: z.number().int(),
  signedAt: z.string(),
  /** `manager` or `invigilator:<session id>`, as the audit log names them. */
  signedBy: z.string(),
  signer: z.string(),
  certificateFingerprint: z.string(),
  resultsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  bundleSha256: z.string().regex(/^[0-9a-f]{64}$/),
  bundleBytes: z.number().int().positive(),
  /** The bundle's file names, in their order in the `.zip`. */
  files: z.array(z.string()),
}).strict();
export type SessionSignature = z.infer<typeof SessionSignature>;

/** Issue 10 §1 — the most a receipt file brought back on a USB key may weigh (a 30-candidate receipt is ~20 KB). */
export const RECEIPT_FILE_MAX_CHARS = 2 * 1024 * 1024;

/**
 * A receipt file brought back on a USB key (written by `passation send … --out recu.json`), imported from the
 * console: the file's text as read, checked by the station exactly as `passation import-receipt` checks it.
 */
export const ReceiptFileImport = z.object({
  text: z.string().min(1, 'fichier du reçu vide').max(RECEIPT_FILE_MAX_CHARS, 'fichier trop grand pour être un reçu'),
}).strict();
export type ReceiptFileImport = z.infer<typeof ReceiptFileImport>;
