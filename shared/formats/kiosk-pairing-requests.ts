import { z } from 'zod';
import type { CertificateRequest as CertificateRequestType, PairingRequest as PairingRequestType } from './kiosk-pairing-bridge';

/** What the shell's main process accepts from its pairing page (kiosk-pairing-bridge.ts), checked before use. */
export const CertificateRequest = z.object({ stationAddress: z.string().max(300) }).strict() satisfies z.ZodType<CertificateRequestType>;

export const PairingRequest = z.object({
  stationAddress: z.string().max(300),
  confirmedFingerprint: z.string().max(200),
  code: z.string().max(20),
  kioskName: z.string().max(200),
  adminCode: z.string().max(200),
  adminCodeRepeat: z.string().max(200),
}).strict() satisfies z.ZodType<PairingRequestType>;
