import type { KioskEvent, LockdownEventKind } from '../../../shared/formats/kiosk-api';

/** An event a monitor observed, before the queue gives it its `clientEventId` (event-queue.ts). */
export type ObservedEvent = Omit<KioskEvent, 'clientEventId' | 'challengeId'> & { kind: LockdownEventKind };

type Details = Record<string, string | number | boolean | null>;

/** `{kind, cause, at, details}` (kiosk-lockdown §2); `source: 'shell'` tells it from the page's own focus events. */
export function shellEvent(kind: LockdownEventKind, cause: string, atMs: number, details: Details = {}): ObservedEvent {
  return { kind, cause, at: new Date(atMs).toISOString(), details: { source: 'shell', ...details } };
}

/** What every monitor is: a pure step from its state and one observation to its next state and the events to report. */
export interface Step<S> { state: S; events: ObservedEvent[] }
