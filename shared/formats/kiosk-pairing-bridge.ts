/**
 * Issue 8 §6 — the kiosk shell's pairing page (a local page of the shell, shown when the kiosk holds no config
 * or no device token) and what its own preload exposes as `window[PAIRING_BRIDGE_GLOBAL]`. Common code: the
 * page uses these types (zod-free, so the page's bundle stays small), the preload ends in `satisfies PairingBridge`,
 * the main process parses each request with kiosk-pairing-requests.ts before using it. Every decision is the main process's (electron/kiosk/pairing.ts): the
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

/** What the page sends to read the certificate. */
export interface CertificateRequest { stationAddress: string }

/** The pairing form. */
export interface PairingRequest {
  stationAddress: string;
  /** The fingerprint the technician saw and confirmed equal to the console's ('' when not confirmed). */
  confirmedFingerprint: string;
  code: string;
  kioskName: string;
  adminCode: string;
  /** First pairing only: the admin code typed twice. */
  adminCodeRepeat: string;
}
