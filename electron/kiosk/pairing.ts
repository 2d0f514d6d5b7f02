import path from 'node:path';
import { KioskPairingAnswer } from '../../shared/formats/centre-api';
import type { FieldProblem, PairingRequest, PairingSituation } from '../../shared/formats/kiosk-pairing-bridge';
import { err, ok, type Result } from '../../shared/result';
import { formatFingerprint, normaliseFingerprint } from './certificate-pinning';
import { KioskConfig, type PermittedApplication } from './kiosk-config';

/**
 * Issue 8 §6 — the decisions of the shell's pairing page, pure (the glue reads the disk and the network):
 * when the page shows and in which mode, what a filled form must hold (every problem at once, each naming its
 * field, in French), the config the pairing writes, and whether the station's answer can be trusted.
 *
 * Who may pair: on a first pairing (no config file) whoever sits at the PC with a code from the console — the
 * code is the secret, single use, 10 minutes — and the technician chooses the admin code (typed twice), whose
 * scrypt hash goes into the config. A kiosk whose config exists but cannot start (its device token missing or
 * unreadable) is re-paired only with that config's admin code (`adminCodeHash`, kiosk-config.ts), and keeps its
 * admin code and permitted applications. An unreadable or invalid config is not re-paired from the kiosk: its
 * admin code cannot be checked, so the shell shows the errors and IT fixes the file.
 */
export type ConfigOnDisk =
  | { kind: 'missing' }
  | { kind: 'invalid'; message: string }
  | { kind: 'tokenUnusable'; config: KioskConfig; message: string };

export function pairingSituation(onDisk: ConfigOnDisk, configFile: string): PairingSituation | null {
  if (onDisk.kind === 'invalid') return null;
  if (onDisk.kind === 'missing') return { mode: 'first', stationUrl: null, kioskName: null, reason: null, configFile };
  return { mode: 'repair', stationUrl: onDisk.config.stationUrl, kioskName: onDisk.config.kioskName ?? null, reason: onDisk.message, configFile };
}

/** Admin codes the technician chooses: 8 to 64 characters (they are typed at the PC, never on a pupil's screen). */
export const ADMIN_CODE_MIN_LENGTH = 8;

export interface StationAddress { url: string; origin: string; hostname: string; port: number }

/** What the technician types: `192.168.1.10:8443`, `station.lycee.fr`, or a full `https://…/` URL. */
export function parseStationAddress(text: string): Result<StationAddress, string> {
  const trimmed = text.trim();
  if (trimmed === '') return err('adresse de la station obligatoire (exemple : 192.168.1.10:8443)');
  if (/^http:\/\//i.test(trimmed)) return err('la station se joint en https:// seulement');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!URL.canParse(withScheme)) return err(`adresse illisible « ${trimmed} » (attendu : 192.168.1.10:8443)`);
  const url = new URL(withScheme);
  if (url.protocol !== 'https:') return err('la station se joint en https:// seulement');
  if (url.username !== '' || url.password !== '') return err('pas d’identifiant dans l’adresse de la station');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return err('l’adresse de la station seulement, sans chemin (exemple : 192.168.1.10:8443)');
  return ok({ url: `${url.origin}/`, origin: url.origin, hostname: url.hostname, port: url.port === '' ? 443 : Number(url.port) });
}

export interface ValidPairing {
  station: StationAddress;
  /** `AB:CD:…`, as the technician confirmed it. */
  fingerprint: string;
  code: string;
  kioskName: string;
  /** First pairing: the new admin code to hash; re-pairing: null (the config's hash is kept). */
  newAdminCode: string | null;
}

/** Every problem of the form at once; `adminCodeMatches` checks a re-pairing's code against the config's hash. */
export function validatePairing(request: PairingRequest, situation: PairingSituation, adminCodeMatches: (code: string) => boolean): Result<ValidPairing, FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const station = parseStationAddress(request.stationAddress);
  if (!station.ok) problems.push({ field: 'stationAddress', message: station.error });
  const fingerprint = normaliseFingerprint(request.confirmedFingerprint);
  if (fingerprint === null) problems.push({ field: 'confirmedFingerprint', message: 'cochez la case une fois l’empreinte lue et trouvée identique à celle du poste du surveillant' });
  const code = request.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) problems.push({ field: 'code', message: 'code d’appairage : les 6 chiffres affichés sur la console' });
  const kioskName = request.kioskName.trim();
  if (kioskName === '') problems.push({ field: 'kioskName', message: 'nom du poste obligatoire (exemple : Salle B12 — poste 07)' });
  else if (kioskName.length > 80) problems.push({ field: 'kioskName', message: 'nom du poste : 80 caractères au plus' });
  // oxlint-disable-next-line no-control-regex -- control characters are exactly what is refused
  else if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(kioskName)) problems.push({ field: 'kioskName', message: 'nom du poste : caractères de contrôle refusés' });
  let newAdminCode: string | null = null;
  if (situation.mode === 'first') {
    if (request.adminCode.length < ADMIN_CODE_MIN_LENGTH) problems.push({ field: 'adminCode', message: `code administrateur : ${ADMIN_CODE_MIN_LENGTH} caractères au moins` });
    else if (request.adminCode.length > 64) problems.push({ field: 'adminCode', message: 'code administrateur : 64 caractères au plus' });
    else if (request.adminCodeRepeat !== request.adminCode) problems.push({ field: 'adminCodeRepeat', message: 'les deux codes administrateur diffèrent' });
    else newAdminCode = request.adminCode;
  } else if (request.adminCode === '' || !adminCodeMatches(request.adminCode)) {
    problems.push({ field: 'adminCode', message: 'code administrateur du poste incorrect' });
  }
  if (problems.length > 0 || !station.ok || fingerprint === null) return err(problems);
  return ok({ station: station.value, fingerprint: formatFingerprint(fingerprint), code, kioskName, newAdminCode });
}

/** Same certificate, whatever the case and colons. */
export function sameFingerprint(a: string, b: string): boolean {
  const [x, y] = [normaliseFingerprint(a), normaliseFingerprint(b)];
  return x !== null && x === y;
}

/** Where the device token goes: beside the config, in its own owner-readable file (kiosk-config.ts says why). */
export function deviceTokenFileFor(configFile: string): string {
  const paths = /^[A-Za-z]:[\\/]/.test(configFile) ? path.win32 : path.posix;
  return paths.join(paths.dirname(configFile), 'device-token');
}

/** The config the pairing writes, checked by the config's own schema (so the shell can read what it wrote). */
export function pairedConfig(input: {
  pairing: ValidPairing;
  deviceTokenFile: string;
  adminCodeHash: string;
  permittedApplications: readonly PermittedApplication[];
}): Result<KioskConfig, FieldProblem[]> {
  const parsed = KioskConfig.safeParse({
    stationUrl: input.pairing.station.url,
    certificateFingerprint: input.pairing.fingerprint,
    deviceTokenFile: input.deviceTokenFile,
    adminCodeHash: input.adminCodeHash,
    kioskName: input.pairing.kioskName,
    permittedApplications: input.permittedApplications,
  });
  if (!parsed.success) return err(parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(configuration)', message: i.message })));
  return ok(parsed.data);
}

/** The station's answer to `POST /api/kiosk/pair`, trusted only if it names the pinned certificate. */
export function acceptedPairingAnswer(body: unknown, pinnedFingerprint: string): Result<{ kioskId: number; deviceToken: string }, FieldProblem[]> {
  const parsed = KioskPairingAnswer.safeParse(body);
  if (!parsed.success || !/^pk_[A-Za-z0-9_-]{16,200}$/.test(parsed.data.deviceToken)) {
    return err([{ field: 'stationAddress', message: 'réponse inattendue de la station : est-ce bien un poste du surveillant Passation ?' }]);
  }
  if (parsed.data.certificateFingerprint !== null && !sameFingerprint(parsed.data.certificateFingerprint, pinnedFingerprint)) {
    return err([{ field: 'confirmedFingerprint', message: 'la station annonce un autre certificat que celui affiché : appairage abandonné' }]);
  }
  return ok({ kioskId: parsed.data.kioskId, deviceToken: parsed.data.deviceToken });
}

/** A station's refusal of the code, for the page (its French message, on the code field). */
export function pairingRefusal(status: number, body: unknown): FieldProblem[] {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const message = typeof error?.message === 'string' ? error.message : `la station a refusé l’appairage (HTTP ${status})`;
  return [{ field: status === 401 || status === 429 || error?.code === 'invalidBody' ? 'code' : 'stationAddress', message }];
}
