import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../../shared/formats/routes';
import { callerLabel } from '../auth/caller';
import type { FailureLimit } from '../auth/failure-limiter';
import { HttpError } from '../http/http-error';
import { registerRoute } from '../http/register-route';
import type { Result } from '../../../shared/result';
import type { Refusal, RefusalCode } from '../storage/refusal';
import { valueOrThrow } from '../server/refusal-http';
import { readCentreKey } from './centre-key-import';
import type { CentreKeyStore } from './centre-key-store';
import type { BundleDocument } from '../../../shared/formats/route-params';
import { ATTENDANCE_SHEET_FILE, INCIDENT_REPORT_FILE } from './bundle-pdfs';
import { readBundle } from './read-bundle';
import { bundleFileName } from './results-bundle';
import { signSession, storedBundle, storedSignature, type BundleExtras } from './sign-session';

/** Issue 10 §1 — which file of the bundle each document of `GET …/documents/:document` is. */
export const BUNDLE_DOCUMENT_FILES: Readonly<Record<BundleDocument, string>> = {
  attendance: ATTENDANCE_SHEET_FILE,
  incidents: INCIDENT_REPORT_FILE,
};

/** A PKCS#12 is a few kilobytes; base64 in JSON. */
const CENTRE_KEY_BODY_LIMIT = 256 * 1024;
/** Wrong PKCS#12 passwords and passphrases, per IP (each try costs 600,000 PBKDF2 rounds: a guesser is slow anyway). */
export const KEY_PASSWORD_FAILURES: FailureLimit = { maxFailures: 10, windowMs: 15 * 60 * 1000, backoff: { afterFailures: 3, baseMs: 2000 } };

export interface SigningRoutesOptions {
  keys: CentreKeyStore;
  extraFiles?: BundleExtras;
}

/**
 * The centre's key (the manager imports its PKCS#12 once) and a finalised session's signature and bundle
 * (docs/results-bundle.md). Signing is a console route: the invigilator signs at the end of the session
 * (architecture §3, step 5), or the manager; what authorises it is the key's passphrase.
 */
export function registerSigningRoutes(app: FastifyInstance, options: SigningRoutesOptions): void {
  const { db, sessions, clock } = app.centre;
  const failures = app.centre.failureLimiter('centreKeyPassword', KEY_PASSWORD_FAILURES);
  /** 429 when this IP gave too many wrong passwords or passphrases; `Retry-After` says for how long. */
  const refuseIfBlocked = (ip: string) => {
    const blocked = failures.blocked(ip);
    if (blocked) {
      throw new HttpError(429, 'tooManyAttempts', `Trop de mots de passe erronés : réessayez dans ${blocked.retryAfterSeconds} s.`, {
        headers: { 'retry-after': String(blocked.retryAfterSeconds) },
      });
    }
  };
  const counted = <T>(ip: string, result: Result<T, Refusal>, wrongCode: RefusalCode): T => {
    if (!result.ok && result.error.code === wrongCode) failures.fail(ip);
    if (result.ok) failures.reset(ip);
    return valueOrThrow(result);
  };

  registerRoute(app, ROUTES.centreKey).handle(() => ({ key: options.keys.info() }));

  registerRoute(app, ROUTES.centreKeyImport, { bodyLimit: CENTRE_KEY_BODY_LIMIT }).handle(({ request, body }) => {
    const authorityPem = app.centre.authorityCertificate();
    if (authorityPem === null) {
      throw new HttpError(409, 'noTrustedAuthority', `Aucun certificat d’autorité de confiance sur ce poste : placez authority.pem dans ${app.centre.dataDir}.`);
    }
    refuseIfBlocked(request.ip);
    const key = counted(request.ip, readCentreKey(Buffer.from(body.pkcs12, 'base64'), body.password, authorityPem, clock()), 'keyPasswordWrong');
    // Headless: the key at rest is encrypted with the PKCS#12's password, which is then the signing passphrase.
    return valueOrThrow(options.keys.save(key, body.password, clock()));
  });

  registerRoute(app, ROUTES.sessionSign).handle(async ({ request, params: { sessionId }, body }) => {
    refuseIfBlocked(request.ip);
    const result = await signSession({
      db, sessions, keys: options.keys, now: clock, extraFiles: options.extraFiles,
      authorityCertificate: () => app.centre.authorityCertificate(),
    }, sessionId, body.passphrase, callerLabel(request.caller));
    return counted(request.ip, result, 'passphraseWrong');
  });

  registerRoute(app, ROUTES.sessionSignature).handle(({ params: { sessionId } }) => {
    const signature = storedSignature(db, sessionId);
    if (!signature) throw new HttpError(404, 'sessionNotSigned', 'La session n’est pas signée : aucun lot de résultats.', { field: 'sessionId' });
    return signature;
  });

  registerRoute(app, ROUTES.bundle).handle(({ reply, params: { sessionId } }) => {
    const bundle = storedBundle(db, sessionId);
    const session = sessions.getSession(sessionId);
    if (!bundle || !session) throw new HttpError(404, 'sessionNotSigned', 'La session n’est pas signée : aucun lot de résultats.', { field: 'sessionId' });
    return reply.type('application/zip')
      .header('content-disposition', `attachment; filename="${bundleFileName(session.number)}"`)
      .header('x-content-sha256', bundle.sha256)
      .send(bundle.bytes);
  });

  // Issue 10 §1 — the console opens and prints each PDF of the signed bundle: its exact bytes in the .zip kept at
  // the signature (so the PDF signature the reader shows is the one in the bundle).
  registerRoute(app, ROUTES.sessionDocument).handle(async ({ reply, params: { sessionId, document } }) => {
    const bundle = storedBundle(db, sessionId);
    const session = sessions.getSession(sessionId);
    if (!bundle || !session) throw new HttpError(404, 'sessionNotSigned', 'La session n’est pas signée : aucun lot de résultats.', { field: 'sessionId' });
    const read = await readBundle(bundle.bytes);
    // The station built this zip itself: unreadable is a bug, not a user error.
    if (!read.ok) throw new Error(`lot gardé illisible (session ${sessionId}) : ${read.reason}`);
    const name = BUNDLE_DOCUMENT_FILES[document];
    const file = read.files.find((f) => f.name === name);
    if (!file) throw new HttpError(404, 'documentMissing', `Le lot signé de la session n° ${session.number} ne contient pas ${name}.`, { field: 'document' });
    return reply.type('application/pdf')
      .header('content-disposition', `inline; filename="session-${session.number}-${name}"`)
      .header('x-content-sha256', crypto.createHash('sha256').update(file.bytes).digest('hex'))
      .send(file.bytes);
  });
}
