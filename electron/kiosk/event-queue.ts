import type { ShellLockdownEvent } from '../../shared/formats/kiosk-bridge';
import type { ObservedEvent } from './monitors/shell-event';

/**
 * The shell's lockdown events wait here until the page has them in its outbox: the shell cannot send them itself
 * (the entry token lives in the page only, R-SESS-5), and events seen before the page loaded (a second display at
 * start, a VM) must not be lost. Each gets a `clientEventId` unique to this run, so a replay is harmless.
 * At most MAX_QUEUED wait; beyond that the oldest go, and the count of dropped ones is kept for diagnostics.
 */
export const MAX_QUEUED = 500;

export interface EventQueue { runId: string; nextSeq: number; pending: ShellLockdownEvent[]; dropped: number }

export function emptyQueue(runId: string): EventQueue {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(runId)) throw new Error(`identifiant d’exécution invalide : ${runId}`);
  return { runId, nextSeq: 1, pending: [], dropped: 0 };
}

export function enqueue(queue: EventQueue, events: readonly ObservedEvent[]): { queue: EventQueue; added: ShellLockdownEvent[] } {
  const added = events.map((e, i) => ({ ...e, clientEventId: `shell-${queue.runId}-${queue.nextSeq + i}` }));
  const all = [...queue.pending, ...added];
  const overflow = Math.max(0, all.length - MAX_QUEUED);
  return { queue: { ...queue, nextSeq: queue.nextSeq + added.length, pending: all.slice(overflow), dropped: queue.dropped + overflow }, added };
}

export function acknowledge(queue: EventQueue, clientEventIds: readonly string[]): EventQueue {
  const done = new Set(clientEventIds);
  return { ...queue, pending: queue.pending.filter((e) => !done.has(e.clientEventId)) };
}
