import type { OutboxState } from '../../../shared/formats/sending';
import { storedBundle } from '../signing/sign-session';
import type { Db } from '../storage/database';
import { attemptFailed, attemptRefused, dueSessions, hasReceipt, nextDue, platformUrl, startAttempt, storeReceipt } from './outbox';
import { uploadBundle } from './platform-upload';
import { checkSignedReceipt } from './receipt-check';
import { DEFAULT_RETRY_SCHEDULE, retryDelayMs, type RetrySchedule } from './retry-schedule';

export interface SenderContext {
  db: Db;
  now: () => Date;
  /** The station's authority.pem (PEM), or null when the data folder has none. */
  authorityCertificate: () => string | null;
  /** In [0, 1): the jitter. */
  random?: () => number;
  schedule?: RetrySchedule;
  timeoutMs?: number;
}

export interface Sender {
  /** Tries every due row once (one at a time); resolves when done. */
  runDue(): Promise<void>;
  /** Starts the timer that runs due rows at their time, and runs them now. */
  start(): void;
  /** Asks for a run now (after a new request). */
  kick(): void;
  stop(): void;
  /** The bytes written of the upload under way for this session, or null. */
  progress(sessionId: number): OutboxState['progress'];
}

/** Longest single wait of the timer: a clock change is noticed within this time. */
const MAX_TIMER_MS = 60_000;

/**
 * Issue 9 §2 — the outbox's sender: for each due row, uploads the stored bundle to the configured platform, checks
 * the receipt against the authority, stores it; a network failure or 5xx puts the row back with a longer delay
 * (retry-schedule.ts); a 4xx with a named check marks it refused. The schedule is in SQLite, so a restart resumes.
 */
export function createSender(context: SenderContext): Sender {
  const random = context.random ?? Math.random;
  const schedule = context.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const inProgress = new Map<number, { sentBytes: number; totalBytes: number }>();
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  const attempt = async (sessionId: number) => {
    const attemptsBefore = context.db.prepare<[number], number>('SELECT attempts FROM outbox WHERE session_id = ?').pluck().get(sessionId) ?? 0;
    const at = context.now();
    const retryAt = new Date(at.getTime() + retryDelayMs(attemptsBefore + 1, random(), schedule));
    if (hasReceipt(context.db, sessionId)) return;
    const bundle = storedBundle(context.db, sessionId);
    const url = platformUrl(context.db);
    const authority = context.authorityCertificate();
    startAttempt(context.db, sessionId, at, retryAt);
    if (!bundle) return attemptRefused(context.db, sessionId, 'sessionNotSigned', 'La session n’est pas signée : aucun lot à envoyer.');
    if (!url) return attemptFailed(context.db, sessionId, 'noPlatformUrl', 'Adresse de la plateforme non réglée : le responsable la règle dans les réglages d’envoi.', retryAt);
    if (!authority) return attemptFailed(context.db, sessionId, 'noTrustedAuthority', 'Aucun certificat d’autorité de confiance (authority.pem) sur le poste.', retryAt);
    inProgress.set(sessionId, { sentBytes: 0, totalBytes: bundle.bytes.length });
    let outcome;
    try {
      outcome = await uploadBundle(url.platformUrl, authority, bundle.bytes, {
        timeoutMs: context.timeoutMs,
        progress: (sentBytes, totalBytes) => inProgress.set(sessionId, { sentBytes, totalBytes }),
      });
    } finally {
      inProgress.delete(sessionId);
    }
    if (outcome.kind === 'network') return attemptFailed(context.db, sessionId, outcome.code, outcome.message, retryAt);
    if (outcome.kind === 'refused') return attemptRefused(context.db, sessionId, outcome.check, outcome.message);
    const checked = checkSignedReceipt(outcome.body, authority, bundle.sha256, context.now());
    if (!checked.ok) return attemptFailed(context.db, sessionId, checked.error.code, checked.error.message, retryAt);
    storeReceipt(context.db, sessionId, checked.value, 'network', context.now());
  };

  const runOnce = async () => {
    for (const sessionId of dueSessions(context.db, context.now())) await attempt(sessionId);
  };

  const schedule_ = () => {
    if (!started) return;
    if (timer) clearTimeout(timer);
    const next = nextDue(context.db);
    if (!next) { timer = null; return; }
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next.getTime() - context.now().getTime()));
    timer = setTimeout(() => { timer = null; sender.kick(); }, wait);
    timer.unref();
  };

  const sender: Sender = {
    runDue() {
      if (running) { again = true; return running; }
      running = (async () => {
        try {
          do { again = false; await runOnce(); } while (again);
        } finally {
          running = null;
          schedule_();
        }
      })();
      return running;
    },
    start() { started = true; sender.kick(); },
    kick() {
      sender.runDue().catch((error: unknown) => process.stderr.write(`[centre] envoi : ${error instanceof Error ? error.stack : String(error)}\n`));
    },
    stop() { started = false; if (timer) clearTimeout(timer); timer = null; },
    progress: (sessionId) => inProgress.get(sessionId) ?? null,
  };
  return sender;
}
