import type { OutboxState } from '../../../shared/formats/sending';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';

/**
 * Issue 10 §1 — the outbox's state (issue 9 §2, `GET …/sending`) in plain French for the invigilator: what is
 * happening, why it waits, what to do, and how far the upload is. Pure: the page renders it, the tests read it.
 */

/** One sentence, with its parameters (numbers and times formatted by `translate`). */
export interface Said { key: MessageKey; params?: Record<string, string | number | Date> }

export interface OutboxView {
  /** The state in one sentence (« En attente du réseau », « Envoyé… », « Reçu… »). */
  state: Said;
  /** Why it waits or was refused, and what to do; null when nothing more is to say. */
  detail: Said | null;
  /** The platform's own sentence when it refused the bundle (text as the platform wrote it). */
  platformReason: string | null;
  /** Who must act: the manager sets the platform's address (`#/responsable/centre`). */
  managerMustSetPlatform: boolean;
  /** 0–100 while an upload is under way, else null. */
  percent: number | null;
  /** When the station tries again (waiting for the network), else null. */
  nextTryAt: Date | null;
  attempts: number;
  /** Whether « Envoyer » (or « Réessayer maintenant ») is offered. */
  canAskSending: boolean;
}

/** A failed attempt's code that says the platform's certificate is not the authority's (Node's TLS codes). */
const TLS_PROBLEM = /CERT|SSL|TLS|UNABLE_TO|SELF_SIGNED/;
/** Codes that mean « the platform cannot be reached now » (sending/sender.ts, platform-upload.ts). */
const UNREACHABLE = /^(E[A-Z_]+|http5\d\d|responseError|requestError)$/;

/** Upload progress in whole percent, never above 100 nor below 0; null with nothing to measure. */
export function uploadPercent(progress: OutboxState['progress']): number | null {
  if (!progress || progress.totalBytes <= 0) return null;
  const ratio = progress.sentBytes / progress.totalBytes;
  if (!Number.isFinite(ratio)) return null;
  return Math.min(100, Math.max(0, Math.floor(ratio * 100)));
}

/** Why the station is still waiting, from the last attempt's code, and whether the manager must act. */
export function waitingDetail(code: string | null): { detail: Said; managerMustSetPlatform: boolean } {
  if (code === 'noPlatformUrl' || code === 'badUrl') return { detail: { key: 'signing.outbox.noPlatformUrl' }, managerMustSetPlatform: true };
  if (code === 'noTrustedAuthority') return { detail: { key: 'signing.outbox.noAuthority' }, managerMustSetPlatform: false };
  if (code === 'receiptSignatureInvalid' || code === 'receiptInvalid' || code === 'receiptMismatch') {
    return { detail: { key: 'signing.outbox.badReceipt' }, managerMustSetPlatform: false };
  }
  if (code !== null && TLS_PROBLEM.test(code)) return { detail: { key: 'signing.outbox.tlsProblem' }, managerMustSetPlatform: false };
  if (code === null || UNREACHABLE.test(code)) return { detail: { key: 'signing.outbox.unreachable' }, managerMustSetPlatform: false };
  return { detail: { key: 'signing.outbox.otherProblem', params: { code } }, managerMustSetPlatform: false };
}

export function outboxView(outbox: OutboxState, locale = 'fr'): OutboxView {
  const nextTryAt = outbox.nextTryAt ? new Date(outbox.nextTryAt) : null;
  const base = { platformReason: null, managerMustSetPlatform: false, percent: null, nextTryAt: null, attempts: outbox.attempts };
  switch (outbox.state) {
    case 'notRequested':
      return { ...base, state: { key: 'signing.outbox.notRequested' }, detail: null, canAskSending: true };
    case 'waitingForNetwork': {
      const why = waitingDetail(outbox.lastErrorCode);
      const state: Said = outbox.attempts === 0 || !nextTryAt
        ? { key: 'signing.outbox.waitingFirst' }
        : { key: 'signing.outbox.waiting', params: { time: clockTime(nextTryAt, locale), n: outbox.attempts } };
      return { ...base, ...why, state, nextTryAt, canAskSending: true };
    }
    case 'sent': {
      const percent = uploadPercent(outbox.progress);
      return {
        ...base, percent: percent ?? 0, canAskSending: false,
        state: { key: 'signing.outbox.sent' }, detail: { key: 'signing.outbox.sentDetail' },
      };
    }
    case 'received':
      return { ...base, state: { key: 'signing.outbox.received' }, detail: { key: 'signing.outbox.receivedDetail' }, canAskSending: false };
    case 'refused':
      return {
        ...base, state: { key: 'signing.outbox.refused' }, detail: { key: 'signing.outbox.refusedDetail' },
        platformReason: outbox.lastErrorMessage ?? outbox.lastErrorCode, canAskSending: true,
      };
  }
}

/** « 10:31:32 » — the next try can be seconds away: the time with its seconds, in the page's language. */
export function clockTime(at: Date, locale = 'fr'): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

/**
 * How soon to read the outbox again (ms): often during an upload (the bar moves), calmly while waiting for the
 * network (the station tries by itself), never once received, refused or not asked (nothing changes by itself).
 */
export function pollDelayMs(outbox: OutboxState): number | null {
  if (outbox.state === 'sent') return 500;
  if (outbox.state === 'waitingForNetwork') return 2000;
  return null;
}

/** Whether two reads say the same thing: the page updates only when something changed (calm updates). */
export function sameOutbox(a: OutboxState | null, b: OutboxState): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
