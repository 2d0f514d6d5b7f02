import type { FastifyRequest } from 'fastify';
import type { HttpError } from '../http/http-error';
import type { Db } from '../storage/database';
import type { Refusal } from '../storage/refusal';
import type { KioskAttestationCheck } from './auth-hooks';
import { attestationVerdict } from './attestation-verdict';
import { findKioskShell, recordKioskShell } from './kiosk-shells';

/**
 * How the station treats the kiosk shell's attestation (issue 8 §5, docs/delivery-api.md « Attestation du poste »):
 * - `demo`: not checked. `npm start`, `passation station --demo` and the end-to-end tests, where the page runs in
 *   an ordinary browser and shows its demo banner.
 * - `enforced`: every kiosk route and the kiosk WebSocket need a valid header. The accepted builds are this
 *   list (`DATA/kiosk-builds.txt`: the released shells' hashes) plus, per kiosk, the build it presented at
 *   pairing; its config hash must stay the one recorded at pairing.
 */
export type KioskAttestationPolicy = { mode: 'demo' } | { mode: 'enforced'; acceptedBuildHashes: readonly string[] };

/** The check registerAuth runs on kiosk routes, or undefined in demo mode. `toHttp` is the edge's status table. */
export function attestationCheck(db: Db, policy: KioskAttestationPolicy, clock: () => Date, toHttp: (refusal: Refusal) => HttpError): KioskAttestationCheck | undefined {
  if (policy.mode === 'demo') return undefined;
  const listed = new Set(policy.acceptedBuildHashes);
  return ({ request, kiosk, attestation, deviceToken }) => {
    const now = clock();
    const bound = findKioskShell(db, kiosk.id);
    const accepted = bound === null ? listed : new Set([...listed, bound.buildHash]);
    const verdict = attestationVerdict({ method: request.method, target: signedTarget(request), header: attestation, deviceToken, nowMs: now.getTime() }, {
      acceptedBuildHashes: accepted, configHash: bound?.configHash ?? null,
    });
    if (!verdict.ok) return { ok: false, error: toHttp(verdict.error) };
    // A kiosk paired by hand (curl, no shell hashes): its first valid request, with a listed build, binds it.
    if (bound === null) recordKioskShell(db, kiosk.id, { ...verdict.value, recordedBy: 'firstRequest' }, now);
    return { ok: true };
  };
}

/** What the shell signed: the request target, path and query (`request.url`, as the client sent it). */
function signedTarget(request: FastifyRequest): string {
  return request.raw.url ?? request.url;
}
