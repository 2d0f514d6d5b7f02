import crypto from 'node:crypto';
import {
  ATTESTATION_HEADER, ATTESTATION_KEY_LABEL, ATTESTATION_MAX_SKEW_MS, attestationMessage, parseAttestation,
} from '../../../shared/formats/kiosk-attestation';
import { refuse, type Refusal } from '../storage/refusal';

/**
 * kiosk-lockdown §2, issue 8 §5 — the station's verdict on one kiosk request's attestation header, pure: the
 * clock, the device token and what the station expects are arguments. The header and the signed message are
 * the shell's own format (shared/formats/kiosk-attestation.ts, produced by electron/kiosk/attestation.ts).
 *
 * Checked in this order, each with its own code: present (`attestationMissing`), well-formed and its MAC the
 * HMAC-SHA-256 of METHOD, target, t, b, c under the device key (`attestationInvalid`), t within
 * ATTESTATION_MAX_SKEW_MS of the station's clock (`attestationExpired`), the build one the station accepts
 * (`attestationUnknownBuild`), the config the one recorded for this kiosk (`attestationConfigChanged`). The MAC
 * comes before the clock and the hashes, so a forged header learns nothing about what the station expects.
 */
export interface ExpectedShell {
  /** Build hashes accepted for this kiosk: the station's list, and the build recorded at its pairing. */
  acceptedBuildHashes: ReadonlySet<string>;
  /** The config hash recorded for this kiosk, or null when nothing is recorded yet (the first request records it). */
  configHash: string | null;
}

export interface AttestationRequest {
  method: string;
  /** The request target as the server sees it (`request.url`: path and query). */
  target: string;
  header: string | undefined;
  /** The device token the request authenticated with (the key is derived from it, as the shell does). */
  deviceToken: string;
  nowMs: number;
}

export type AttestationVerdict = { ok: true; value: { buildHash: string; configHash: string } } | { ok: false; error: Refusal };

/** The device key: HMAC-SHA-256 of the label under the device token (electron/kiosk/attestation.ts derives the same). */
export function stationDeviceKey(deviceToken: string): Buffer {
  return crypto.createHmac('sha256', deviceToken).update(ATTESTATION_KEY_LABEL).digest();
}

export function attestationVerdict(request: AttestationRequest, expected: ExpectedShell): AttestationVerdict {
  const field = ATTESTATION_HEADER;
  if (request.header === undefined || request.header === '') {
    return refuse('attestationMissing', field, 'Requête refusée : en-tête d’attestation du poste absent (seule l’application d’examen appairée peut appeler les routes des candidats).');
  }
  const parsed = parseAttestation(request.header);
  if (!parsed.ok) return refuse('attestationInvalid', field, `Requête refusée : ${parsed.error}.`);
  const { timestampMs, buildHash, configHash, mac } = parsed.value;
  const expectedMac = crypto.createHmac('sha256', stationDeviceKey(request.deviceToken))
    .update(attestationMessage(request.method, request.target, { timestampMs, buildHash, configHash })).digest('base64url');
  // Compared as text, not decoded: base64url's last character carries 2 unused bits, so two spellings decode alike.
  const given = Buffer.from(mac, 'utf8');
  const wanted = Buffer.from(expectedMac, 'utf8');
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) {
    return refuse('attestationInvalid', field, 'Requête refusée : l’attestation du poste ne correspond pas à cette requête ni à ce jeton de poste.');
  }
  const skew = timestampMs - request.nowMs;
  if (Math.abs(skew) > ATTESTATION_MAX_SKEW_MS) {
    const minutes = Math.round(Math.abs(skew) / 60_000);
    return refuse('attestationExpired', field, `Requête refusée : l’horloge du poste ${skew < 0 ? 'retarde' : 'avance'} de ${minutes} min sur celle du poste du surveillant (${ATTESTATION_MAX_SKEW_MS / 60_000} min au plus).`);
  }
  if (!expected.acceptedBuildHashes.has(buildHash)) {
    return refuse('attestationUnknownBuild', field, `Requête refusée : version de l’application d’examen non acceptée (empreinte ${buildHash.slice(0, 12)}…) ; ajoutez-la à kiosk-builds.txt ou appairez de nouveau le poste.`);
  }
  if (expected.configHash !== null && expected.configHash !== configHash) {
    return refuse('attestationConfigChanged', field, 'Requête refusée : la configuration du poste a changé depuis son appairage ; appairez-le de nouveau.');
  }
  return { ok: true, value: { buildHash, configHash } };
}

/**
 * The station's list of accepted kiosk builds (`DATA/kiosk-builds.txt`): one SHA-256 in lower-case hex a line
 * (what `npm run build:kiosk-shell` prints), `#` starts a comment, blank lines ignored. A bad line is refused
 * with its number: the station does not start on a half-read list.
 */
export function parseKioskBuilds(text: string, file: string): { ok: true; value: string[] } | { ok: false; error: string } {
  const hashes: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    if (!/^[0-9a-f]{64}$/.test(line)) return { ok: false, error: `${file}, ligne ${index + 1} : empreinte SHA-256 attendue (64 caractères hexadécimaux minuscules), reçu « ${line.slice(0, 80)} »` };
    hashes.push(line);
  }
  return { ok: true, value: hashes };
}
