import type { AnswerAck, KioskAnswer } from '../../../../shared/formats/kiosk-api';
import type { ServerToKiosk } from '../../../../shared/formats/live-messages';
import { err, ok, type Result } from '../../../../shared/result';
import type { ClientError } from '../../../ui/api-client';
import type { LiveAnswerLink, Timers } from '../outbox';

/**
 * For the outbox's tests: a station that stores the first answer per challenge and gives its first
 * acknowledgement to every replay (as the real one does), a socket and an HTTP route whose deliveries the test
 * decides one by one (delivered, acknowledgement lost, dropped, duplicated, refused), and timers on a virtual clock.
 */
export class FakeStation {
  readonly stored = new Map<string, AnswerAck>();
  /** Every answer the station received, in order (first writes and replays). */
  readonly received: KioskAnswer[] = [];
  save(body: KioskAnswer): AnswerAck {
    this.received.push(body);
    const first = this.stored.get(body.challengeId);
    if (first) return first;
    const ack: AnswerAck = { saved: true, challengeId: body.challengeId, clientAnswerId: body.clientAnswerId, savedAt: `2026-03-14T08:00:${String(this.stored.size % 60).padStart(2, '0')}.000Z`, testCompleted: false };
    this.stored.set(body.challengeId, ack);
    return ack;
  }
}

export type LiveDelivery = 'ack' | 'duplicateAck' | 'ackLost' | 'dropped' | 'tooMany' | 'notSaved' | 'notInTest' | 'entryNotStarted';
export type HttpDelivery = 'ok' | 'responseLost' | 'down' | 'timeout' | 'notSaved' | 'tooMany' | 'notInTest' | 'entryNotStarted';

const refusalOf = (delivery: LiveDelivery | HttpDelivery): { status: number; code: string; retryAfterSeconds?: number } | null => {
  switch (delivery) {
    case 'tooMany': return { status: 429, code: 'tooManyRequests', retryAfterSeconds: 2 };
    case 'notSaved': return { status: 500, code: 'notSaved' };
    case 'notInTest': return { status: 404, code: 'challengeNotInTest' };
    case 'entryNotStarted': return { status: 409, code: 'entryNotStarted' };
    default: return null;
  }
};

export class FakeLive implements LiveAnswerLink {
  open = false;
  readonly inTransit: { entryToken: string; body: KioskAnswer }[] = [];
  readonly sent: KioskAnswer[] = [];
  private listeners = new Set<(open: boolean) => void>();
  /** Where the station's messages go (the outbox's `receive`). */
  deliverTo: (message: ServerToKiosk) => void = () => {};
  constructor(private readonly station: FakeStation) {}
  isOpen(): boolean { return this.open; }
  send(entryToken: string, body: KioskAnswer): boolean {
    if (!this.open) return false;
    this.inTransit.push({ entryToken, body });
    this.sent.push(body);
    return true;
  }
  onOpenChange(listener: (open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** Closing loses the messages in transit: each was stored or not (`storedOnClose`), none is acknowledged. */
  setOpen(open: boolean, storedOnClose: (index: number) => boolean = () => false): void {
    if (open === this.open) return;
    if (!open) {
      this.inTransit.splice(0).forEach((m, i) => { if (storedOnClose(i)) this.station.save(m.body); });
    }
    this.open = open;
    for (const listener of this.listeners) listener(open);
  }
  /** The station handles the oldest message in transit. */
  deliver(how: LiveDelivery): void {
    const message = this.inTransit.shift();
    if (!message) return;
    const refusal = refusalOf(how);
    if (refusal) {
      this.deliverTo({ type: 'answerRefused', clientAnswerId: message.body.clientAnswerId, status: refusal.status, error: { code: refusal.code, message: 'refus', field: '(racine)', ...(refusal.retryAfterSeconds ? { retryAfterSeconds: refusal.retryAfterSeconds } : {}) } });
      return;
    }
    if (how === 'dropped') return;
    const ack = this.station.save(message.body);
    if (how === 'ackLost') return;
    this.deliverTo({ type: 'answerSaved', clientAnswerId: message.body.clientAnswerId, ack });
    if (how === 'duplicateAck') this.deliverTo({ type: 'answerSaved', clientAnswerId: message.body.clientAnswerId, ack });
  }
}

export class FakeHttp {
  readonly inFlight: { body: KioskAnswer; resolve: (result: Result<AnswerAck, ClientError>) => void }[] = [];
  readonly sent: KioskAnswer[] = [];
  constructor(private readonly station: FakeStation) {}
  readonly link = (_entryToken: string, body: KioskAnswer): Promise<Result<AnswerAck, ClientError>> => {
    this.sent.push(body);
    return new Promise((resolve) => this.inFlight.push({ body, resolve }));
  };
  /** The oldest request gets its answer. */
  answer(how: HttpDelivery): void {
    const request = this.inFlight.shift();
    if (!request) return;
    const refusal = refusalOf(how);
    if (refusal) {
      const { status, ...error } = refusal;
      request.resolve(err({ kind: 'refused', status, error: { ...error, message: 'refus', field: '(racine)' } }));
      return;
    }
    if (how === 'down') return request.resolve(err({ kind: 'network', message: 'ECONNREFUSED' }));
    if (how === 'timeout') return request.resolve(err({ kind: 'timeout', afterMs: 10_000 }));
    const ack = this.station.save(request.body);
    request.resolve(how === 'ok' ? ok(ack) : err({ kind: 'network', message: 'socket hang up' }));
  }
}

/** Timers on a virtual clock, fired by the test. */
export class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  readonly pending = new Map<number, { due: number; callback: () => void }>();
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { due: this.now + ms, callback });
    return id;
  }
  clear(handle: unknown): void { this.pending.delete(handle as number); }
  /** Moves the clock to the earliest timer due before `limit` and fires it; false when there is none. */
  fireNext(limit = Number.POSITIVE_INFINITY): boolean {
    let first: [number, { due: number; callback: () => void }] | undefined;
    for (const entry of this.pending) if (entry[1].due <= limit && (!first || entry[1].due < first[1].due)) first = entry;
    if (!first) return false;
    this.pending.delete(first[0]);
    this.now = Math.max(this.now, first[1].due);
    first[1].callback();
    return true;
  }
}

/** Lets IndexedDB (fake-indexeddb) and the outbox's promises run. */
export async function settle(rounds = 30): Promise<void> {
  // Node's setImmediate (the tests run under Node) is what fake-indexeddb schedules with; setTimeout elsewhere.
  const tick = (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ?? ((callback: () => void) => setTimeout(callback, 0));
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => tick(resolve));
}
