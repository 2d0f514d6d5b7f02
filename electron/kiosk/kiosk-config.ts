import { z } from 'zod';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import { err, ok, type Result } from '../../shared/result';
import { ADMIN_CODE_HASH_PATTERN } from './admin-code';
import { normaliseFingerprint } from './certificate-pinning';

/**
 * The kiosk's config file (JSON, written at pairing or deployed by IT, architecture §2): which station, its pinned
 * certificate, where the device token lives, the technician's admin code hash, the applications permitted for
 * attachments. Parsed with zod; every error is French and names its field. Its canonical hash is the attestation's
 * config hash, so a changed file changes every request's header.
 */
const absolutePath = (what: string) => z.string({ error: `${what} attendu (chemin absolu)` })
  .min(1, `${what} obligatoire`)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), `${what} : chemin absolu attendu (/… ou C:\\…)`);

export const PermittedApplication = z.object({
  /** Shown in the logs and to the invigilator: « LibreOffice Calc ». */
  name: z.string({ error: 'nom de l’application attendu' }).min(1, 'nom de l’application obligatoire').max(80),
  executable: absolutePath('exécutable'),
  /** Media types it opens: `application/vnd.oasis.opendocument.spreadsheet`. */
  mediaTypes: z.array(z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, 'type de média attendu (type/sous-type)')).min(1, 'au moins un type de média'),
}).strict();
export type PermittedApplication = z.infer<typeof PermittedApplication>;

export const KioskConfig = z.object({
  stationUrl: z.string({ error: 'adresse de la station attendue' })
    .refine((u) => URL.canParse(u), 'adresse de la station illisible (attendu : https://adresse:port/)')
    .refine((u) => !URL.canParse(u) || new URL(u).protocol === 'https:', 'la station se joint en https:// seulement')
    .refine((u) => !URL.canParse(u) || (new URL(u).username === '' && new URL(u).password === ''), 'pas d’identifiant dans l’adresse de la station'),
  certificateFingerprint: z.string({ error: 'empreinte du certificat attendue' })
    .refine((f) => normaliseFingerprint(f) !== null, 'empreinte SHA-256 attendue : 32 octets en hexadécimal (AB:CD:…)'),
  deviceTokenFile: absolutePath('fichier du jeton de poste'),
  adminCodeHash: z.string({ error: 'empreinte du code administrateur attendue' })
    .regex(ADMIN_CODE_HASH_PATTERN, 'empreinte du code administrateur attendue : scrypt$N$r$p$sel$empreinte'),
  kioskName: z.string().min(1).max(80).optional(),
  permittedApplications: z.array(PermittedApplication).max(20, '20 applications au plus').default([]),
}).strict();
export type KioskConfig = z.output<typeof KioskConfig>;

export interface ConfigError { field: string; message: string }

const FIELD_NAMES: Record<string, string> = {
  stationUrl: 'stationUrl', certificateFingerprint: 'certificateFingerprint', deviceTokenFile: 'deviceTokenFile',
  adminCodeHash: 'adminCodeHash', kioskName: 'kioskName', permittedApplications: 'permittedApplications',
};

/** Parses the file's text; all errors at once, each naming its field (`permittedApplications[0].executable`). */
export function parseKioskConfig(text: string): Result<KioskConfig, ConfigError[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err([{ field: '(fichier)', message: `JSON illisible : ${(e as Error).message}` }]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return err([{ field: '(fichier)', message: 'un objet JSON est attendu' }]);
  const parsed = KioskConfig.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return { field: issue.keys.join(', '), message: 'champ inconnu' };
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return { field: field || '(fichier)', message: missing ? `${FIELD_NAMES[field] ?? field} obligatoire` : issue.message };
  }));
}

/** One line per error, for the shell's start-up screen and the technician's log. */
export function describeConfigErrors(file: string, errors: readonly ConfigError[]): string {
  return errors.map((e) => `${file} : ${e.field} — ${e.message}`).join('\n');
}

/** SHA-256 input of the config: its canonical JSON (RFC 8785), so key order and spacing do not change it. */
export function canonicalConfig(config: KioskConfig): string {
  return canonicalJson(config);
}

/** The station as the shell uses it: its origin (navigation, permissions) and host (certificate pinning). */
export function stationOf(config: KioskConfig): { origin: string; hostname: string; url: string } {
  const url = new URL(config.stationUrl);
  return { origin: url.origin, hostname: url.hostname, url: url.href };
}
