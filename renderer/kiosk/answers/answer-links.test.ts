import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { KioskAnswer } from '../../../shared/formats/kiosk-api';
import type { KioskToServer } from '../../../shared/formats/live-messages';
import { ok } from '../../../shared/result';
import type { LiveConnection, LiveConnectionState } from '../../ui/live-connection';
import { relayLiveLink } from './answer-links';

/** A kiosk socket whose status the test sets; what it was asked to send. */
function fakeConnection(open: boolean) {
  const state = createStore<LiveConnectionState>(() => ({ status: open ? { kind: 'open', since: 1 } : { kind: 'connecting', attempt: 0 }, droppedMessages: 0 }));
  const sent: KioskToServer[] = [];
  const connection: LiveConnection<KioskToServer> = { state, send: (m) => { sent.push(m); return ok(undefined); }, stop: () => {} };
  return { connection, sent, setOpen: (o: boolean) => state.setState({ status: o ? { kind: 'open', since: 2 } : { kind: 'retrying', attempt: 1, nextAttemptAt: 3, closeCode: 1006 } }) };
}

const body: KioskAnswer = { challengeId: 'ch_1', answer: { skipped: true }, clientAnswerId: 'a-1', elapsedMs: 1, timedOut: false, focusLost: false };

describe('relayLiveLink: the outbox’s socket, whichever kiosk socket is open now', () => {
  it('closed with no socket; follows the attached one; tells each change once; a new socket replaces the old', () => {
    const relay = relayLiveLink();
    const changes: boolean[] = [];
    relay.onOpenChange((open) => changes.push(open));
    expect(relay.isOpen()).toBe(false);
    expect(relay.send('pe_x', body)).toBe(false);

    const first = fakeConnection(false);
    relay.attach(first.connection);
    expect(changes).toEqual([]);
    first.setOpen(true);
    expect(relay.isOpen()).toBe(true);
    expect(relay.send('pe_x', body)).toBe(true);
    expect(first.sent).toEqual([{ type: 'answer', entryToken: 'pe_x', body }]);

    // The socket closed for good: detached (closed), then a new one, already open.
    relay.attach(null);
    const second = fakeConnection(true);
    relay.attach(second.connection);
    first.setOpen(false); // the old socket no longer speaks through the relay
    expect(changes).toEqual([true, false, true]);
    relay.send('pe_y', body);
    expect(second.sent).toHaveLength(1);
    expect(first.sent).toHaveLength(1);
  });
});
