import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { registerAuth } from './auth/auth-hooks';
import { attestationCheck, type KioskAttestationPolicy } from './auth/kiosk-attestation';
import { authRoutes } from './auth/auth-routes';
import { purgeExpiredConsoleTokens } from './auth/console-tokens';
import { createFailureLimiter, purgeOldFailures } from './auth/failure-limiter';
import { ensureManagerAccount } from './auth/manager-account';
import { createPackageStore } from './packages/package-store';
import { CHECK_IN_FAILURES } from './delivery/check-in';
import { registerKioskRoutes } from './delivery/kiosk-routes';
import { registerFinalisationRoutes } from './finalisation/finalisation-routes';
import { fingerprintSha256 } from './pki/certificates';
import { createDeliveryContext } from './records/delivery-context';
import { deliveryInUse } from './records/in-use';
import { registerConsoleRoutes } from './supervision/console-routes';
import { createLivePushes } from './supervision/live-pushes';
import { createSessionStore, type SessionStore } from './sessions/session-store';
import type { Db } from './storage/database';
import { ensurePrivateDir } from './storage/private-files';
import type { CentreContext, RateLimits } from './server/centre-context';
import { registerErrorHandling } from './http/error-handling';
import { httpErrorOf } from './server/refusal-http';
import { HttpError } from './http/http-error';
import { createLiveHub } from './live/live-hub';
import { liveRoutes } from './live/live-routes';
import { checkResponses, registerRoute } from './http/register-route';
import { KIOSK_MESSAGE_RATE, LIVE_HEARTBEAT_MS, LIVE_MAX_PAYLOAD } from '../../shared/formats/live-messages';
import { ROUTES } from '../../shared/formats/routes';
import { registerJsonParser } from './http/json-depth';
import { hostName, registerOriginCheck, type StationIdentity } from './http/origin-check';
import { DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_TIMEOUTS, limitConnectionsPerAddress, serverTimeoutOptions, type ServerTimeouts } from './http/connection-limits';
import { managerFileRoutes } from './server/manager-file-routes';
import { registerSecurityHeaders } from './http/security-headers';
import { sessionRoutes } from './server/session-routes';
import { createFileKeyStore, type CentreKeyStore } from './signing/centre-key-store';
import type { BundleExtras } from './signing/sign-session';
import { registerSigningRoutes } from './signing/signing-routes';
import { createSender, type SenderContext } from './sending/sender';
import { registerSendingRoutes } from './sending/sending-routes';
import { registerPackageDownloadRoutes } from './package-download/package-download-routes';
import { sessionPdfs } from './signing/bundle-pdfs';
import { loadOrCreateStationCertificate, lanAddresses } from './server/station-certificate';

/** Default body limit: every kiosk and console JSON route. Upload routes set their own. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** The trusted authority certificate, in the data folder: packages are verified against it. */
export const AUTHORITY_CERTIFICATE_FILE = 'authority.pem';

export const DEFAULT_RATE_LIMITS: RateLimits = {
  managerLoginFailures: { maxFailures: 10, windowMs: 15 * 60 * 1000 },
  invigilatorLoginFailures: { maxFailures: 10, windowMs: 15 * 60 * 1000 },
  pairingFailures: { maxFailures: 10, windowMs: 10 * 60 * 1000 },
  publicRequestsPerMinute: 120,
  liveSocketsPerToken: 8,
  kioskRequests: KIOSK_MESSAGE_RATE,
};

export interface CentreServerConfig {
  /** Plain HTTP instead of HTTPS: only for tests, and only on a loopback address. */
  plainHttp?: boolean;
  /** The manager's password on first start; defaults to the environment's `PASSATION_MANAGER_PASSWORD`, else generated. */
  managerPassword?: string;
  rateLimits?: Partial<RateLimits>;
  /** WebSocket heartbeat period (default LIVE_HEARTBEAT_MS, 15 s). */
  heartbeatMs?: number;
  /**
   * Kiosk-lockdown §2, issue 8 §5: the shell's attestation on every kiosk route and the kiosk WebSocket
   * (auth/kiosk-attestation.ts). Absent = `{mode: 'demo'}`, not checked: tests and the demo; the headless
   * station (`startStation`) always says which (enforced unless it runs the demo).
   */
  kioskAttestation?: KioskAttestationPolicy;
  /** Where the centre's signing key is kept; default: the headless file store of the data folder (signing/centre-key-store.ts). */
  centreKeys?: CentreKeyStore;
  /** The extra files of each signed bundle (the PDFs); default: none. */
  bundleExtras?: BundleExtras;
  /** The outbox's sender (issue 9 §2): jitter, schedule, timeout (tests); it starts with the server. */
  sending?: Pick<SenderContext, 'random' | 'schedule' | 'timeoutMs'>;
  /** Route plugins added after every route of the station (tests add probe routes): see electron/centre/README.md. */
  plugins?: FastifyPluginAsync[];
  /** More names the station answers to (a DNS name of the school's network); its own names and addresses always are. */
  allowedHosts?: string[];
  /** The address kiosks use, for `kioskUrl` (default: the bound address, or the first LAN address when bound to all). */
  publicHost?: string;
  /**
   * Tests: parse every JSON answer of a table route with its response schema (shared/formats/routes.ts); one
   * that does not match is a 500, logged. Off by default (production sends what the typechecked handlers built).
   */
  checkResponses?: boolean;
  /** Where unexpected errors go (default: stderr). */
  logError?: (error: unknown, context: string) => void;
  /** Limits on slow or silent clients (default DEFAULT_TIMEOUTS); tests shorten them. */
  timeouts?: Partial<ServerTimeouts>;
  /** Connections one address may hold at once (default 64). */
  maxConnectionsPerAddress?: number;
  /** A session store built with options; default: `createSessionStore(db, { now: clock, ...deliveryInUse(db) })`. */
  sessions?: SessionStore;
}

export interface CentreServerOptions {
  db: Db;
  dataDir: string;
  /** The station's TLS certificate and key; default: generated once and kept in `dataDir/station-tls/`. */
  tls?: { certPem: string; keyPem: string };
  host: string;
  /** 0 picks a free port. */
  port: number;
  clock?: () => Date;
  config?: CentreServerConfig;
}

export interface CentreServer {
  app: FastifyInstance;
  /** Base URL on the bound address (`https://127.0.0.1:8443`). */
  url: string;
  kioskUrl: string;
  consoleUrl: string;
  /** SHA-256 of the TLS certificate (`AB:CD:…`), what kiosks pin; null over plain HTTP. */
  certificateFingerprint: string | null;
  /** The manager password generated at this first start, to print once; null otherwise. */
  initialManagerPassword: string | null;
  close(): Promise<void>;
}

/** How often, at most, an unknown Host makes the station read its LAN addresses again (DHCP may change them). */
const ADDRESS_REFRESH_MS = 10_000;

/**
 * The names and addresses the station answers to: loopback, this machine's name, its LAN addresses, and `extra`.
 * A miss reads the addresses again (at most every ADDRESS_REFRESH_MS), so a new DHCP lease does not lock kiosks out.
 */
function stationHosts(extra: readonly string[]): (host: string) => boolean {
  const build = () => {
    const name = os.hostname().toLowerCase();
    return new Set(['localhost', '127.0.0.1', '::1', name, `${name}.local`, ...lanAddresses(), ...extra].map((h) => hostName(h)));
  };
  let hosts = build();
  let builtAt = performance.now();
  return (host) => {
    if (hosts.has(host)) return true;
    if (performance.now() - builtAt < ADDRESS_REFRESH_MS) return false;
    hosts = build();
    builtAt = performance.now();
    return hosts.has(host);
  };
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

function urlHost(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/**
 * The composition root of the centre server (architecture §1): every folder below it is wired here and
 * nowhere else (electron/centre/README.md, the layer table in scripts/centre-layers.ts).
 * The centre server: HTTPS with the station certificate, JSON-only routes with body
 * limits, uniform French errors, every route behind a declared `config.auth`, the live WebSocket hub.
 * Starts listening before it returns.
 */
export async function createCentreServer(options: CentreServerOptions): Promise<CentreServer> {
  const config = options.config ?? {};
  const clock = options.clock ?? (() => new Date());
  if (config.plainHttp && !isLoopback(options.host)) {
    throw new Error(`HTTP sans chiffrement refusé sur ${options.host} : il n’est permis que sur l’adresse de bouclage (tests).`);
  }
  // The data folder holds every solution: the owner's only (its files are made so by openDatabase and the TLS store).
  ensurePrivateDir(options.dataDir);
  const tls = config.plainHttp ? null : options.tls
    ? { ...options.tls, fingerprint: fingerprintSha256(options.tls.certPem) }
    : loadOrCreateStationCertificate(options.dataDir);

  purgeOldFailures(options.db, clock());
  const setup = ensureManagerAccount(options.db, { password: config.managerPassword ?? process.env.PASSATION_MANAGER_PASSWORD, now: clock() });
  purgeExpiredConsoleTokens(options.db, clock());

  const limits = serverTimeoutOptions({ ...DEFAULT_TIMEOUTS, ...config.timeouts });
  const app = Fastify({
    ...(tls ? { https: { cert: tls.certPem, key: tls.keyPem, ...limits.node, ...limits.tls } } : { http: limits.node }),
    ...limits.fastify,
    bodyLimit: DEFAULT_BODY_LIMIT,
    logger: false,
    forceCloseConnections: true,
    return503OnClosing: true,
    // Prototype-poisoning keys (`__proto__`, `constructor.prototype`) are deleted from JSON bodies, so the schema
    // check then names the field that is wrong or missing, instead of a bare "invalid JSON".
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  }) as unknown as FastifyInstance;

  // Node sets headersTimeout from the options only when it is below requestTimeout; set it again to be sure.
  app.server.headersTimeout = limits.node.headersTimeout;
  limitConnectionsPerAddress(app.server, config.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);

  const hub = createLiveHub({ clock, heartbeatMs: config.heartbeatMs ?? LIVE_HEARTBEAT_MS });
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...config.rateLimits };
  const context: CentreContext = {
    db: options.db,
    dataDir: options.dataDir,
    clock,
    sessions: config.sessions ?? createSessionStore(options.db, { now: clock, ...deliveryInUse(options.db) }),
    packages: createPackageStore(options.db, clock),
    hub,
    certificateFingerprint: tls?.fingerprint ?? null,
    secure: tls !== null,
    rateLimits,
    failureLimiter: (name, limit) => createFailureLimiter(options.db, name, limit, clock),
    authorityCertificate() {
      const file = path.join(options.dataDir, AUTHORITY_CERTIFICATE_FILE);
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    },
  };
  app.decorate('centre', context);

  // First: its onRequest hook marks upgrade requests, so that a refused upgrade's socket is destroyed.
  await app.register(websocket, { options: { maxPayload: LIVE_MAX_PAYLOAD } });
  // Then: foreign Host (DNS rebinding) and foreign Origin (cross-site requests riding on the cookies) are refused.
  let identity: StationIdentity | null = null;
  registerOriginCheck(app, () => identity);
  // Only JSON is parsed (application/json, Fastify's default parser); upload routes add their own types.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  const routes = registerAuth(app, { db: options.db, clock, attestation: attestationCheck(options.db, config.kioskAttestation ?? { mode: 'demo' }, clock, httpErrorOf), kioskRate: rateLimits.kioskRequests });
  app.decorate('centreInternals', { hub, routes });
  registerErrorHandling(app, config.logError ?? ((error, where) => process.stderr.write(`[centre] ${where} : ${error instanceof Error ? error.stack : String(error)}\n`)));
  registerSecurityHeaders(app);

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new HttpError(429, 'tooManyRequests',
      `Trop de requêtes : réessayez dans ${Math.max(1, Math.ceil(context.ttl / 1000))} s.`),
  });

  if (config.checkResponses) checkResponses(app);
  registerRoute(app, ROUTES.health).handle(() => ({ status: 'ok', certificateFingerprint: context.certificateFingerprint }));
  await app.register(authRoutes);
  await app.register(sessionRoutes);
  await app.register(managerFileRoutes);
  await app.register(liveRoutes);
  const keys = config.centreKeys ?? createFileKeyStore(options.dataDir);
  await app.register(async (station) => stationRoutes(station, { keys, bundleExtras: config.bundleExtras }));
  const sender = createSender({ db: options.db, now: clock, authorityCertificate: () => context.authorityCertificate(), ...config.sending });
  await app.register(async (station) => registerSendingRoutes(station, sender));
  await app.register(async (station) => registerPackageDownloadRoutes(station));
  app.addHook('onClose', async () => { sender.stop(); });
  for (const plugin of config.plugins ?? []) await app.register(plugin);

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const scheme = tls ? 'https' : 'http';
  const boundAll = options.host === '0.0.0.0' || options.host === '::';
  const localHost = boundAll ? '127.0.0.1' : options.host;
  const kioskHost = config.publicHost ?? (boundAll ? lanAddresses().find((a) => net.isIPv4(a)) ?? '127.0.0.1' : options.host);
  const url = `${scheme}://${urlHost(localHost)}:${port}`;
  identity = { scheme, port, knows: stationHosts([options.host, kioskHost, ...(config.allowedHosts ?? [])]) };
  sender.start();

  return {
    app,
    url,
    kioskUrl: `${scheme}://${urlHost(kioskHost)}:${port}/kiosk/`,
    consoleUrl: `${url}/console/`,
    certificateFingerprint: context.certificateFingerprint,
    initialManagerPassword: setup.created ? setup.generatedPassword : null,
    async close() {
      hub.close();
      await app.close();
    },
  };
}

/**
 * Test delivery (kiosk routes), supervision (console routes, live pushes), finalisation and signing over the
 * server's context (`app.centre`): one delivery context shared by them.
 */
async function stationRoutes(app: FastifyInstance, signing: { keys: CentreKeyStore; bundleExtras: BundleExtras | undefined }): Promise<void> {
  const { db, sessions, packages, clock, hub } = app.centre;
  const pushes = createLivePushes(db, hub);
  const context = createDeliveryContext({
    db, sessions, packages, now: clock,
    checkInFailures: {
      perKiosk: app.centre.failureLimiter('checkInKiosk', CHECK_IN_FAILURES.perKiosk),
      perSession: app.centre.failureLimiter('checkInSession', CHECK_IN_FAILURES.perSession),
    },
    candidateChanged: (sessionId, candidateId, toKiosk) => pushes.candidateChanged(sessionId, candidateId, toKiosk),
    sessionAlertChanged: (sessionId) => pushes.alertChanged(sessionId),
  });
  pushes.attach(context);
  app.addHook('onClose', async () => { pushes.close(); });
  registerKioskRoutes(app, context);
  registerConsoleRoutes(app, context);
  registerFinalisationRoutes(app, context, (sessionId) => pushes.sessionChanged(sessionId));
  // The results bundle carries the session's two signed PDFs unless a test gives other extra files.
  registerSigningRoutes(app, { keys: signing.keys, extraFiles: signing.bundleExtras ?? sessionPdfs(context) });
}
