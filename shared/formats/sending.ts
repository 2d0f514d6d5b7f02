import { z } from 'zod';
import { Receipt, ReceiptCandidate } from './platform-api';

/**
 * Sending a signed session to the authority platform (issue 9 §2, docs/delivery-api.md): the requests and answers
 * of the sending routes (routes.ts).
 */

/** The platform's address, set by the manager: HTTPS only (its certificate is checked against authority.pem). */
export const PlatformSetting = z.object({
  platformUrl: z.string().url('adresse web attendue (https://…)').refine((u) => u.startsWith('https://'), 'l’adresse de la plateforme doit commencer par https://'),
}).strict();
export type PlatformSetting = z.infer<typeof PlatformSetting>;

export const PlatformSettingAnswer = z.object({ platformUrl: z.string().nullable(), updatedAt: z.string().nullable() }).strict();

/**
 * Where a session's sending stands: `notRequested`; `waitingForNetwork` (« en attente du réseau », to try at
 * `nextTryAt`); `sent` (« envoyé » : an upload is under way); `received` (« reçu » : the signed receipt is stored);
 * `refused` (the platform refused the bundle: `lastErrorCode` is the check it names).
 */
export const OutboxStateCode = z.enum(['notRequested', 'waitingForNetwork', 'sent', 'received', 'refused']);
export type OutboxStateCode = z.infer<typeof OutboxStateCode>;

export const OutboxState = z.object({
  sessionId: z.number().int(),
  state: OutboxStateCode,
  attempts: z.number().int().min(0),
  requestedAt: z.string().nullable(),
  nextTryAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastErrorMessage: z.string().nullable(),
  /** Bytes of the bundle written during the upload under way; null when none. */
  progress: z.object({ sentBytes: z.number().int(), totalBytes: z.number().int() }).strict().nullable(),
}).strict();
export type OutboxState = z.infer<typeof OutboxState>;

/** A stored receipt: the platform's per-candidate results, and the signed text to keep byte for byte. */
export const StoredReceiptAnswer = z.object({
  sessionId: z.number().int(),
  receivedAt: z.string(),
  source: z.enum(['network', 'file']),
  signer: z.string(),
  bundleSha256: z.string(),
  receipt: Receipt,
  candidates: z.array(ReceiptCandidate),
  /** The `SignedReceipt` as the platform gave it (`receipt` text and base64 `signature`). */
  signed: z.object({ receipt: z.string(), signature: z.string() }).strict(),
}).strict();
export type StoredReceiptAnswer = z.infer<typeof StoredReceiptAnswer>;
