import { z } from 'zod';
import { Candidate, Session } from './session';
import { freeText } from './safe-text';

/**
 * The centre server's platform routes (login, pairing, sessions, roster, packages): request bodies and
 * answers as zod schemas, declared once so that the server validates with them and the console and kiosk
 * clients are typed by them. The error shape is `ApiErrorBody` (route-table.ts). Routes and examples:
 * docs/centre-api.md; the table: routes.ts.
 */

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
export const LoginAnswer = z.object({ token: z.string(), expiresAt: z.string() }).strict();
export type LoginAnswer = z.infer<typeof LoginAnswer>;
/** An invigilator's login also names their session. */
export const InvigilatorLoginAnswer = LoginAnswer.extend({ session: Session }).strict();
export type InvigilatorLoginAnswer = z.infer<typeof InvigilatorLoginAnswer>;
/** `{ session }`: one session (the invigilator's own, or the manager's pick). */
export const SessionAnswer = z.object({ session: Session }).strict();
export const SessionList = z.object({ sessions: z.array(Session) }).strict();
/** R-SESS-1 — a created session and its invigilator password, shown once. */
export const SessionCreated = z.object({ session: Session, invigilatorPassword: z.string() }).strict();
export type SessionCreated = z.infer<typeof SessionCreated>;
export const InvigilatorPasswordAnswer = z.object({ invigilatorPassword: z.string() }).strict();
export const CandidateAnswer = z.object({ candidate: Candidate }).strict();
export const CandidateList = z.object({ candidates: z.array(Candidate) }).strict();
/** R-SESS-3 — a roster imported all at once. */
export const RosterImported = z.object({ count: z.number().int().min(0), candidates: z.array(Candidate) }).strict();

/** The roster's file name, in the query string (`?fileName=eleves.csv`): its extension says how to read it. */
export const RosterQuery = z.object({
  fileName: z.string().trim().min(1, 'nom du fichier obligatoire (?fileName=eleves.csv)').max(255)
    .regex(/\.(csv|ods|txt)$/i, 'fichier .csv ou .ods attendu'),
}).strict();

/** Digits of a kiosk pairing code. */
export const PAIRING_CODE_LENGTH = 6;

/** A kiosk exchanges the code shown on the console for a device token (architecture §2). */
export const KioskPairing = z.object({
  code: z.string().regex(new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`), `code d’appairage attendu : ${PAIRING_CODE_LENGTH} chiffres`),
  name: freeText(80).min(1, 'nom du poste obligatoire'),
  /**
   * The shell's build hash and the hash of the config it is about to write (kiosk-attestation.ts): the station
   * records them, and the kiosk's attestation must keep declaring them (issue 8 §5). Absent for a kiosk paired
   * by hand: its first valid attested request records them.
   */
  shell: z.object({
    buildHash: z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue en hexadécimal minuscule'),
    configHash: z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue en hexadécimal minuscule'),
  }).strict().optional(),
}).strict();
export type KioskPairing = z.infer<typeof KioskPairing>;

export const KioskPairingAnswer = z.object({
  kioskId: z.number().int().positive(),
  /** Sent back as `Authorization: Bearer …` on every kiosk request; shown only once. */
  deviceToken: z.string(),
  /** SHA-256 of the station's TLS certificate, `AB:CD:…`: the kiosk pins it. */
  certificateFingerprint: z.string().nullable(),
}).strict();
export type KioskPairingAnswer = z.infer<typeof KioskPairingAnswer>;

/** A single-use pairing code shown on the console (10 minutes). */
export const PairingCode = z.object({ code: z.string(), expiresAt: z.string() }).strict();
/** A paired kiosk as the console lists it. */
export const KioskSummary = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  pairedBy: z.string(),
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** The kiosk shell's build hash (64 hex), recorded at pairing or on its first attested request; null for a kiosk without one (a browser). */
  buildHash: z.string().nullable(),
}).strict();
export type KioskSummary = z.infer<typeof KioskSummary>;
export const KioskList = z.object({ kiosks: z.array(KioskSummary) }).strict();
/** What a paired kiosk learns of itself. */
export const KioskIdentity = z.object({ kioskId: z.number().int().positive(), name: z.string() }).strict();

/** A signed package upload: the `.json` file and its detached `.p7s`, each as base64 of the exact bytes. */
export const PackageUpload = z.object({
  package: z.base64('contenu base64 attendu (le fichier .json tel quel)').min(1, 'fichier du paquet obligatoire'),
  signature: z.base64('contenu base64 attendu (le fichier .p7s tel quel)').min(1, 'fichier de signature obligatoire'),
}).strict();
export type PackageUpload = z.infer<typeof PackageUpload>;

/** Which imported package a session uses (its content or its profiles, by the package's kind). */
export const SessionPackageChoice = z.object({ packageId: z.number().int().positive() }).strict();
export type SessionPackageChoice = z.infer<typeof SessionPackageChoice>;

/** A signed package as the manager lists it (never its body or signature). */
export const PackageSummary = z.object({
  id: z.number().int().positive(),
  kind: z.enum(['content', 'profile']),
  packageId: z.string(),
  version: z.string(),
  sha256: z.string(),
  signer: z.string(),
  importedAt: z.string(),
}).strict();
export type PackageSummary = z.infer<typeof PackageSummary>;
export const PackageList = z.object({ packages: z.array(PackageSummary) }).strict();
/** An upload's outcome: `created` false when the same package was already there (200 instead of 201). */
export const PackageImported = z.object({ package: PackageSummary, created: z.boolean() }).strict();
/** The packages a session uses, by kind (null: none chosen yet). */
export const SessionPackages = z.object({ content: PackageSummary.nullable(), profile: PackageSummary.nullable() }).strict();
