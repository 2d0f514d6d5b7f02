import { z } from 'zod';

/**
 * kiosk-lockdown.md §2 — the attestation header the kiosk shell adds to every request to the station, in the
 * spirit of Safe Exam Browser's Config Key / Browser Exam Key. Common code: the shell builds it, the centre
 * server parses and verifies it with the same message (electron/centre/auth/attestation-verdict.ts). The MAC itself (HMAC-SHA-256 under the
 * device key) is computed where a crypto module exists: electron/kiosk/attestation.ts.
 *
 * Header value: `v1;t=<ms since epoch>;b=<build hash>;c=<config hash>;m=<base64url MAC>`.
 * Signed message, one field a line: `passation-attestation-v1`, METHOD, request target (path + query, as the
 * server sees `request.url`), t, b, c.
 */
export const ATTESTATION_HEADER = 'x-passation-attestation';
export const ATTESTATION_VERSION = 'v1';
/** The derivation label of the device key (HMAC-SHA-256 of this label under the device token). */
export const ATTESTATION_KEY_LABEL = 'passation-attestation-key-v1';
/** How far the station accepts a timestamp from its own clock, either side (docs/delivery-api.md « Attestation du poste »). */
export const ATTESTATION_MAX_SKEW_MS = 5 * 60 * 1000;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 attendue en hexadécimal minuscule');

export const AttestationFields = z.object({
  timestampMs: z.number().int().nonnegative(),
  buildHash: Hex64,
  configHash: Hex64,
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'MAC attendu : 32 octets en base64url'),
}).strict();
export type AttestationFields = z.infer<typeof AttestationFields>;

/**
 * The request target signed: path and query of an absolute URL (as Chromium hands it to the shell, already
 * canonical), never its host (the station may be reached by IP or name) nor its fragment (never sent). Parsed
 * without `URL`, which common code does not have.
 */
export function requestTarget(url: string): string | null {
  const m = /^https?:\/\/[^/?#\s]+([^#\s]*)(#.*)?$/i.exec(url);
  if (!m) return null;
  const target = m[1] ?? '';
  return target === '' ? '/' : target.startsWith('?') ? `/${target}` : target;
}

/** The exact bytes the MAC covers. */
export function attestationMessage(method: string, target: string, fields: Omit<AttestationFields, 'mac'>): string {
  return ['passation-attestation-v1', method.toUpperCase(), target, String(fields.timestampMs), fields.buildHash, fields.configHash].join('\n');
}

export function formatAttestation(fields: AttestationFields): string {
  return `${ATTESTATION_VERSION};t=${fields.timestampMs};b=${fields.buildHash};c=${fields.configHash};m=${fields.mac}`;
}

/** Parses a header value; a French reason when it is malformed. */
export function parseAttestation(value: string): { ok: true; value: AttestationFields } | { ok: false; error: string } {
  const parts = value.split(';');
  if (parts[0] !== ATTESTATION_VERSION || parts.length !== 5) return { ok: false, error: `en-tête d’attestation attendu : ${ATTESTATION_VERSION};t=…;b=…;c=…;m=…` };
  const byName = new Map(parts.slice(1).map((p) => [p.slice(0, 2), p.slice(2)] as const));
  const t = byName.get('t=');
  const parsed = AttestationFields.safeParse({
    timestampMs: t !== undefined && /^\d{1,16}$/.test(t) ? Number(t) : Number.NaN,
    buildHash: byName.get('b='), configHash: byName.get('c='), mac: byName.get('m='),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `en-tête d’attestation : ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalide'}`.trim() };
  }
  return { ok: true, value: parsed.data };
}
