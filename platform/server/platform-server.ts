import crypto from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUNDLE_SHA256_HEADER, PLATFORM_ROUTES, type PackageDownload, type PackageList, type PlatformRefusal, type VerificationAnswer } from '../../shared/formats/platform-api';
import type { ContentIndex } from '../../shared/certification/referential';
import type { PlatformSigner } from '../signing/cms-sign';
import type { PackageKind, PlatformStore } from '../storage/platform-store';
import { CHECK_STATUS, receiveBundle, type ReceiveContext } from '../receiving/receive-bundle';
import { fixedWindowLimiter, type RateLimiter } from './rate-limit';
import { verificationPage, type PageOutcome } from './verification-page';

export interface PlatformServerOptions {
  store: PlatformStore;
  signer: PlatformSigner;
  /** The TLS certificate and key the authority issued for the platform's host. */
  tls: { certPem: string; keyPem: string };
  host: string;
  /** 0 for any free port (tests). */
  port: number;
  now?: () => Date;
  /** Default 32 MiB. */
  maxBundleBytes?: number;
  /** Look-ups per client address and minute (R-PUB-1); default 30. */
  lookupsPerMinute?: number;
}

export interface RunningPlatform {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BUNDLE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_LOOKUPS_PER_MINUTE = 30;
const MINUTE_MS = 60_000;
const CODE = /^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/;

type Reply = { status: number; headers?: Record<string, string>; body: Buffer | string; type: string };

const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers, body: JSON.stringify(value), type: 'application/json; charset=utf-8' });
const refusal = (status: number, check: PlatformRefusal['error']['check'], message: string, headers: Record<string, string> = {}): Reply => json(status, { error: { check, message } } satisfies PlatformRefusal, headers);

/** `passation-platform serve`: the HTTPS routes of shared/formats/platform-api.ts (docs/platform-api.md). */
export async function startPlatformServer(options: PlatformServerOptions): Promise<RunningPlatform> {
  const now = options.now ?? (() => new Date());
  const receiving: ReceiveContext = {
    store: options.store,
    signer: options.signer,
    authority: new crypto.X509Certificate(options.signer.authorityPem),
    now,
    maxBundleBytes: options.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES,
    contents: new Map<string, ContentIndex>(),
  };
  const limiter = fixedWindowLimiter(options.lookupsPerMinute ?? DEFAULT_LOOKUPS_PER_MINUTE, MINUTE_MS);
  const server = https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' }, (request, response) => {
    route(request, receiving, limiter).then(
      (reply) => send(response, reply),
      (error: unknown) => {
        // A client that went away in the middle of its upload (a cut connection) is not an error of the platform.
        if (request.destroyed && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return;
        console.error('passation-platform :', error);
        send(response, refusal(500, 'badRequest', 'erreur interne de la plateforme : réessayez plus tard'));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `https://${hostInUrl}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function send(response: ServerResponse, reply: Reply): void {
  if (response.headersSent) return;
  response.writeHead(reply.status, {
    'content-type': reply.type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'strict-transport-security': 'max-age=31536000',
    ...reply.headers,
  });
  response.end(reply.body);
}

async function route(request: IncomingMessage, receiving: ReceiveContext, limiter: RateLimiter): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'https://plateforme');
  const path = url.pathname;
  const method = request.method ?? 'GET';
  if (path === PLATFORM_ROUTES.uploadBundle) {
    if (method !== 'POST') return refusal(405, 'badRequest', `${path} : seule la méthode POST est acceptée`, { allow: 'POST' });
    return upload(request, receiving);
  }
  if (method !== 'GET') return refusal(405, 'badRequest', `${path} : seule la méthode GET est acceptée`, { allow: 'GET' });
  if (path === PLATFORM_ROUTES.packages) {
    const list: PackageList = { packages: await receiving.store.publishedPackages() };
    return json(200, list);
  }
  if (path.startsWith(PLATFORM_ROUTES.packagePrefix)) return packageDownload(path.slice(PLATFORM_ROUTES.packagePrefix.length), receiving.store);
  const client = request.socket.remoteAddress ?? 'inconnu';
  if (path.startsWith(PLATFORM_ROUTES.verificationPrefix)) {
    const wait = limiter.take(client, receiving.now().getTime());
    if (wait !== null) return refusal(429, 'rateLimited', `trop de recherches depuis votre adresse : réessayez dans ${wait} secondes`, { 'retry-after': String(wait) });
    const code = decodeURIComponent(path.slice(PLATFORM_ROUTES.verificationPrefix.length)).trim().toUpperCase();
    if (!CODE.test(code)) return refusal(400, 'badRequest', `« ${code} » n’est pas un code de vérification (P- suivi de 8 caractères)`);
    const answer = await lookUp(receiving.store, code);
    return answer === null ? refusal(404, 'notFound', `aucune certification publiée ne correspond au code ${code}`) : json(200, answer);
  }
  if (path === PLATFORM_ROUTES.verificationPage) {
    const html = (status: number, outcome: PageOutcome, headers: Record<string, string> = {}): Reply => ({ status, headers, body: verificationPage(outcome), type: 'text/html; charset=utf-8' });
    const typed = url.searchParams.get('code');
    if (typed === null || typed.trim() === '') return html(200, { kind: 'form' });
    const wait = limiter.take(client, receiving.now().getTime());
    if (wait !== null) return html(429, { kind: 'rateLimited', retryAfterSeconds: wait }, { 'retry-after': String(wait) });
    const code = typed.trim().toUpperCase();
    if (!CODE.test(code)) return html(400, { kind: 'invalid', code: typed.trim().slice(0, 40) });
    const answer = await lookUp(receiving.store, code);
    return answer === null ? html(404, { kind: 'notFound', code }) : html(200, { kind: 'found', answer });
  }
  return refusal(404, 'notFound', `${path} : adresse inconnue de la plateforme`);
}

/** Reads the body up to the limit (a larger one is refused without reading it all), then receives it. */
async function upload(request: IncomingMessage, receiving: ReceiveContext): Promise<Reply> {
  const limit = receiving.maxBundleBytes;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  const tooLarge = () => {
    request.resume();
    return refusal(413, 'size', `lot trop volumineux : au plus ${limit} octets`, { connection: 'close' });
  };
  if (Number.isFinite(declared) && declared > limit) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return tooLarge();
    chunks.push(chunk);
  }
  const zip = Buffer.concat(chunks);
  const sha256 = crypto.createHash('sha256').update(zip).digest('hex');
  const received = await receiveBundle(receiving, zip);
  if (!received.ok) return refusal(CHECK_STATUS[received.error.check], received.error.check, received.error.message, { [BUNDLE_SHA256_HEADER]: sha256 });
  return json(received.value.body.duplicate ? 200 : 201, received.value.body, { [BUNDLE_SHA256_HEADER]: sha256 });
}

async function packageDownload(rest: string, store: PlatformStore): Promise<Reply> {
  const parts = rest.split('/').map((p) => decodeURIComponent(p));
  const [kind, packageId, version] = parts;
  if (parts.length !== 3 || (kind !== 'content' && kind !== 'profiles') || !packageId || !version) {
    return refusal(404, 'notFound', 'paquet : adresse attendue /api/packages/content|profiles/IDENTIFIANT/VERSION (ou latest)');
  }
  const pkg = await store.publishedPackage(kind as PackageKind, packageId, version === 'latest' ? null : version);
  if (pkg === null) return refusal(404, 'notFound', `paquet ${kind} ${packageId} ${version} : non publié`);
  const download: PackageDownload = {
    kind: pkg.kind, packageId: pkg.packageId, version: pkg.version, sha256: pkg.sha256, bytes: pkg.document.length, publishedAt: pkg.publishedAt,
    document: pkg.document.toString('base64'), signature: pkg.signature.toString('base64'),
  };
  return json(200, download);
}

/** R-PUB-1 — only a validated, published result answers; anything else is as unknown. */
async function lookUp(store: PlatformStore, code: string): Promise<VerificationAnswer | null> {
  const found = await store.resultByVerificationCode(code);
  if (found === null || found.status !== 'validated' || found.publishedAt === null) return null;
  return {
    verificationCode: found.verificationCode,
    lastName: found.lastName,
    firstName: found.firstName,
    birthDate: found.birthDate,
    examDate: found.examDate,
    centreName: found.centreName,
    pix: found.pix,
    maxLevel: found.maxLevel,
    competences: found.competences,
    publishedAt: found.publishedAt,
  };
}
