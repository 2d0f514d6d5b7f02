import { z } from 'zod';

/**
 * Issue 8 §6 — the kiosk shell's pairing page (a local page of the shell, shown when the kiosk holds no config
 * or no device token) and what its own preload exposes as `window[PAIRING_BRIDGE_GLOBAL]`. Common code: the
 * page uses these types, the preload ends in `satisfies PairingBridge`, the main process parses each request
 * with the schemas below before using it. Every decision is the main process's (electron/kiosk/pairing.ts): the
 * page only shows what it is told.
 */
export const PAIRING_BRIDGE_GLOBAL = 'passationPairing';

/** What the page shows first: a first pairing (the technician chooses the admin code) or a re-pairing (typed). */
export interface PairingSituation {
  mode: 'first' | 'repair';
  /** Re-pairing: the station and the name the previous config had, to prefill. */
  stationUrl: string | null;
  kioskName: string | null;
  /** Why the shell could not start as it is (re-pairing), in French; null on a first pairing. */
  reason: string | null;
  /** The config file the pairing will write. */
  configFile: string;
}

export interface FieldProblem { field: string; message: string }

export type PairingAnswer<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] };

/** The station's certificate as the shell read it, to compare with the one the console shows. */
export interface StationCertificate { stationUrl: string; fingerprint: string }

export interface PairingBridge {
  situation(): Promise<PairingSituation>;
  /** Connects to the station and reads its certificate's SHA-256 (shown, to compare with the console's). */
  fetchCertificate(request: CertificateRequest): Promise<PairingAnswer<StationCertificate>>;
  /** Pairs with the code, writes the config and the device token, then relaunches the shell into the kiosk. */
  pair(request: PairingRequest): Promise<PairingAnswer<{ relaunching: true }>>;
}

export const CertificateRequest = z.object({ stationAddress: z.string().max(300) }).strict();
export type CertificateRequest = z.infer<typeof CertificateRequest>;

export const PairingRequest = z.object({
  stationAddress: z.string().max(300),
  /** The fingerprint the technician saw and confirmed equal to the console's (it must still be the station's). */
  confirmedFingerprint: z.string().max(200),
  code: z.string().max(20),
  kioskName: z.string().max(200),
  adminCode: z.string().max(200),
  /** First pairing only: the admin code typed twice. */
  adminCodeRepeat: z.string().max(200),
}).strict();
export type PairingRequest = z.infer<typeof PairingRequest>;
