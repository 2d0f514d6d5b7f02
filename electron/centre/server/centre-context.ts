import type { RouteEntry } from '../auth/auth-hooks';
import type { FailureLimit, FailureLimiter } from '../auth/failure-limiter';
import type { TokenBucketRate } from '../http/token-bucket';
import type { PackageStore } from '../packages/package-store';
import type { SessionStore } from '../sessions/session-store';
import type { Db } from '../storage/database';
import type { LiveHub, LiveHubControl } from '../live/live-hub';

/** Limits on failed attempts and on request rates; every field has a default (see centre-server.ts). */
export interface RateLimits {
  /** Failed manager logins (and password changes) per IP. */
  managerLoginFailures: FailureLimit;
  /** Failed invigilator logins per IP: counted apart, so a wrong manager password does not lock the invigilator out. */
  invigilatorLoginFailures: FailureLimit;
  /** Failed pairing attempts per IP. */
  pairingFailures: FailureLimit;
  /** Requests per minute per IP on each public route (login, pairing), failed or not. */
  publicRequestsPerMinute: number;
  /** Requests of one kiosk on the kiosk HTTP routes: a burst, then a rate (the same budget as its live socket). */
  kioskRequests: TokenBucketRate;
  /** Live WebSockets one kiosk token or one console login may hold open at once. */
  liveSocketsPerToken: number;
}

/**
 * What every route plugin reaches as `app.centre`: the database, the stores, the live hub, the clock.
 * Plugins use `clock()` (never `new Date()`) so that tests can move time.
 */
export interface CentreContext {
  db: Db;
  dataDir: string;
  clock: () => Date;
  sessions: SessionStore;
  packages: PackageStore;
  hub: LiveHub;
  /** SHA-256 fingerprint of the station's TLS certificate (`AB:CD:…`); null when served over plain HTTP (tests). */
  certificateFingerprint: string | null;
  /** Whether cookies are marked Secure (HTTPS). */
  secure: boolean;
  rateLimits: RateLimits;
  /** A limiter of failed attempts on the server's clock, kept in SQLite under its name (one count per name and key). */
  failureLimiter(name: string, limit: FailureLimit): FailureLimiter;
  /** The trusted authority certificate (PEM) packages are verified against, read from `dataDir` each time; null when absent. */
  authorityCertificate(): string | null;
}

/** Internal: the hub with its control side (only the server's own routes use it), and every route registered. */
export interface CentreInternals { hub: LiveHubControl; routes: readonly RouteEntry[] }

declare module 'fastify' {
  interface FastifyInstance {
    centre: CentreContext;
    centreInternals: CentreInternals;
  }
}
