import { z } from 'zod';
import type { AttachmentRequest as AttachmentRequestType } from './kiosk-bridge';

/** What the shell's main process accepts from the page over the bridge (kiosk-bridge.ts), checked before use. */
export const AttachmentRequest = z.object({
  url: z.string().max(2000),
  fileName: z.string().min(1).max(255),
  mediaType: z.string().max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue en hexadécimal minuscule'),
  entryToken: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'jeton d’entrée attendu : lettres, chiffres, _ ou -'),
}).strict() satisfies z.ZodType<AttachmentRequestType>;

/** The technician's admin code, for the exit and for the re-pairing alike (issue 8 §6). */
export const TechnicianExitRequest = z.object({ adminCode: z.string().min(1).max(64) }).strict();
export const TechnicianRepairingRequest = TechnicianExitRequest;
