import type { Result } from '../result';
import type { KioskEvent } from './kiosk-api';

/**
 * kiosk-lockdown.md §2–3 — what the kiosk shell's preload exposes to the candidate page, as
 * `window[KIOSK_BRIDGE_GLOBAL]`. Common code (no DOM, no Electron types): the page imports this type, the
 * preload ends in `satisfies KioskBridge`, so neither side can drift. The page never sees the device token,
 * the device key or the admin code hash: the shell adds the credentials to requests itself.
 */
export const KIOSK_BRIDGE_GLOBAL = 'passationKiosk';

/** A lockdown event the shell observed, with the id the page sends it under (replays are harmless). */
export type ShellLockdownEvent = KioskEvent & { clientEventId: string };

export interface KioskShellStatus {
  /** The shell's own version (package.json). */
  shellVersion: string;
  /** Whether the shell signs every request to the station (kiosk-lockdown §2), and with which hashes. */
  attestation: { active: boolean; buildHash: string; configHash: string };
  /** The station's origin the shell is paired with (the only origin the window may show). */
  stationOrigin: string;
  fullscreen: boolean;
}

/** Why the shell refused to open an attachment, or the technician's code. */
export type BridgeRefusal = { code: string; message: string };

/**
 * Why the shell refused the technician's admin code (issue 8 §6): `wrongAdminCode` with the tries left,
 * `technicianLocked` with the minutes left (the exit and the re-pairing share one lockout), `badRequest`,
 * `untrustedSender`, or `deviceTokenNotRemoved` (the re-pairing could not remove the device token: the message
 * names the file and the reason). The numbers let the page word it in its own language.
 */
export type TechnicianRefusal = BridgeRefusal & { remainingAttempts?: number; lockedMinutes?: number };

export interface KioskBridge {
  status(): Promise<KioskShellStatus>;
  /**
   * The shell's lockdown events (focus, displays, power, network, VM / remote session): the ones queued before
   * the page subscribed first, then each new one. The page sends each to the station (`POST /api/kiosk/events`,
   * it holds the entry token) and acknowledges it once it is in its outbox. Returns the unsubscribe function.
   */
  onLockdownEvent(listener: (event: ShellLockdownEvent) => void): () => void;
  acknowledgeLockdownEvents(clientEventIds: readonly string[]): void;
  /** Opens an attachment of the current challenge in a permitted application (kiosk-lockdown §2). */
  openAttachment(request: AttachmentRequest): Promise<Result<{ application: string }, BridgeRefusal>>;
  /** The technician's key chord was pressed: the page shows its admin-code field. */
  onTechnicianChord(listener: () => void): () => void;
  /** The technician's exit with the admin code set at pairing: the shell quits on success (logged). */
  requestTechnicianExit(adminCode: string): Promise<Result<{ exiting: true }, TechnicianRefusal>>;
  /**
   * Re-pairing from the technician's admin page, with the same admin code and lockout: on success the shell
   * removes its device token file (logged, `technicianRepairing`), and relaunches into its pairing page, which
   * re-pairs keeping the config's admin code and permitted applications (electron/kiosk/README.md).
   */
  requestRepairing(adminCode: string): Promise<Result<{ relaunching: true }, TechnicianRefusal>>;
}

/** What the page asks to open: one asset the station serves (same origin, checked again by the shell). */
export interface AttachmentRequest {
  url: string; fileName: string; mediaType: string; sha256: string;
  /** The pupil's entry token: the station serves a test's asset only with it (`x-passation-entry`). */
  entryToken: string;
}
