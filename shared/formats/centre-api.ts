import { z } from 'zod';
import { freeText } from './safe-text';

/**
 * The centre server's platform routes (login, pairing, packages): request bodies and the error shape,
 * declared once so that the server validates with them and the console and kiosk clients are typed by them.
 * Routes and examples: docs/centre-api.md.
 */

/** Every 4xx/5xx answer: `{ error: { code, message, field?, errors? } }`, the message in French. */
export interface ApiErrorDetail {
  /** The bad field (`birthplace.code`, `sessionNumber`) when one is to blame. */
  field?: string;
  /** For a file: 1-based line and column header, as the spreadsheet shows them. */
  line?: number;
  column?: string;
  message: string;
}
export interface ApiError {
  code: string;
  message: string;
  field?: string;
  errors?: ApiErrorDetail[];
}
export interface ApiErrorBody { error: ApiError }

/** Minimum length of the centre manager's password. */
export const MIN_MANAGER_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

export const ManagerLogin = z.object({ password: z.string().min(1, 'mot de passe obligatoire').max(MAX_PASSWORD_LENGTH) }).strict();
export type ManagerLogin = z.infer<typeof ManagerLogin>;

export const ManagerPasswordChange = z.object({
  currentPassword: z.string().min(1, 'mot de passe actuel obligatoire').max(MAX_PASSWORD_LENGTH),
  newPassword: z.string().min(MIN_MANAGER_PASSWORD_LENGTH, `${MIN_MANAGER_PASSWORD_LENGTH} caractères au moins`).max(MAX_PASSWORD_LENGTH),
}).strict();
export type ManagerPasswordChange = z.infer<typeof ManagerPasswordChange>;

/** R-SESS-1 — an invigilator logs in with the session number and the session's invigilator password. */
export const InvigilatorLogin = z.object({
  sessionNumber: z.number().int().positive(),
  password: z.string().min(1, 'mot de passe obligatoire').max(MAX_PASSWORD_LENGTH),
}).strict();
export type InvigilatorLogin = z.infer<typeof InvigilatorLogin>;

/** What a login answers (the same token is also set as an HttpOnly cookie). */
export interface LoginAnswer { token: string; expiresAt: string }

/** Digits of a kiosk pairing code. */
export const PAIRING_CODE_LENGTH = 6;

/** A kiosk exchanges the code shown on the console for a device token (architecture §2). */
export const KioskPairing = z.object({
  code: z.string().regex(new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`), `code d’appairage attendu : ${PAIRING_CODE_LENGTH} chiffres`),
  name: freeText(80).min(1, 'nom du poste obligatoire'),
}).strict();
export type KioskPairing = z.infer<typeof KioskPairing>;

export interface KioskPairingAnswer {
  kioskId: number;
  /** Sent back as `Authorization: Bearer …` on every kiosk request; shown only once. */
  deviceToken: string;
  /** SHA-256 of the station's TLS certificate, `AB:CD:…`: the kiosk pins it. */
  certificateFingerprint: string | null;
}

/** A signed package upload: the `.json` file and its detached `.p7s`, each as base64 of the exact bytes. */
export const PackageUpload = z.object({
  package: z.base64('contenu base64 attendu (le fichier .json tel quel)').min(1, 'fichier du paquet obligatoire'),
  signature: z.base64('contenu base64 attendu (le fichier .p7s tel quel)').min(1, 'fichier de signature obligatoire'),
}).strict();
export type PackageUpload = z.infer<typeof PackageUpload>;

/** Which imported package a session uses (its content or its profiles, by the package's kind). */
export const SessionPackageChoice = z.object({ packageId: z.number().int().positive() }).strict();
export type SessionPackageChoice = z.infer<typeof SessionPackageChoice>;

/** Messages pushed on the live WebSockets: `{ type, … }`. */
export interface LiveMessage { type: string; [key: string]: unknown }
