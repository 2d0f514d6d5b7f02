import { describe, expect, it } from 'vitest';
import type { OutboxState } from '../../../shared/formats/sending';
import type { SessionSignature } from '../../../shared/formats/signing';
import { err, ok } from '../../../shared/result';
import type { ApiClient } from '../../ui/api-client';
import { createSigningStore, type PollTimers } from './signing-store';

// Issue 10 §1 — the signing page's store against a scripted station: what it asks, in what order, and that it
// keeps reading the outbox while something is under way and stops once settled (calm polling).

const OUTBOX: OutboxState = {
  sessionId: 7, state: 'notRequested', attempts: 0, requestedAt: null, nextTryAt: null, lastAttemptAt: null, lastErrorCode: null, lastErrorMessage: null, progress: null,
};
const SIGNATURE: SessionSignature = {
  sessionId: 7, signedAt: '2026-12-01T10:30:00.000Z', signedBy: 'invigilator:7', signer: 'O=Collège, CN=0999999Z', certificateFingerprint: 'AB',
  resultsSha256: 'a'.repeat(64), bundleSha256: 'b'.repeat(64), bundleBytes: 100, files: ['results.json'],
};
const SESSION = { id: 7, number: 12, status: 'finalised' };

/** A station whose answers the test scripts, route by route (paths of the route table). */
function station(script: Record<string, ((body: unknown) => unknown)[]>) {
  const calls: { path: string; body: unknown }[] = [];
  const client = {
    call: async (route: { path: string }, input?: { body?: unknown }) => {
      calls.push({ path: route.path, body: input?.body });
      const answers = script[route.path];
      const next = answers && (answers.length > 1 ? answers.shift()! : answers[0]!);
      if (!next) throw new Error(`pas de réponse prévue pour ${route.path}`);
      return next(input?.body);
    },
  } as unknown as ApiClient;
  return { client, calls };
}
const refused = (code: string) => () => err({ kind: 'refused' as const, status: 422, error: { code, message: 'x' } });

function manualTimers() {
  const pending: { run: () => void; ms: number }[] = [];
  const timers: PollTimers = { set: (run, ms) => { pending.push({ run, ms }); return pending.length as unknown as ReturnType<typeof setTimeout>; }, clear: () => { pending.length = 0; } };
  return { timers, pending, async fire() { const t = pending.shift(); t?.run(); await new Promise((r) => setTimeout(r, 0)); return t?.ms; } };
}

describe('createSigningStore', () => {
  it('a finalised, unsigned session: the form; a wrong password is refused and forgotten; the right one signs, then the outbox is read', async () => {
    const { client, calls } = station({
      '/api/console/session': [() => ok({ session: SESSION })],
      '/api/console/sessions/:sessionId/signature': [refused('sessionNotSigned')],
      '/api/console/sessions/:sessionId/sending': [() => ok(OUTBOX)],
    });
    const store = createSigningStore(client, 7, manualTimers().timers);
    await store.getState().start();
    expect(store.getState()).toMatchObject({ load: { kind: 'ready' }, status: 'finalised', signature: null });

    await store.getState().submitSign();
    expect(store.getState().sign).toEqual({ kind: 'invalid', said: { key: 'signing.sign.passphraseMissing' } });
    expect(calls.filter((c) => c.path.endsWith('/signature'))).toHaveLength(1);

    let answers = [refused('passphraseWrong'), () => ok(SIGNATURE)];
    (client as unknown as { call: ApiClient['call'] }).call = (async (route: { path: string; method: string }, input?: { body?: unknown }) => {
      calls.push({ path: `${route.method} ${route.path}`, body: input?.body });
      if (route.method === 'POST' && route.path.endsWith('/signature')) { const a = answers[0]!; answers = answers.slice(1); return a(); }
      return ok(OUTBOX);
    }) as unknown as ApiClient['call'];
    store.getState().editPassphrase('mauvais');
    await store.getState().submitSign();
    expect(store.getState().sign).toMatchObject({ kind: 'refused', problem: { said: { key: 'signing.sign.passphraseWrong' } } });
    expect(store.getState().passphrase).toBe('');
    store.getState().editPassphrase(' le bon ');
    await store.getState().submitSign();
    expect(calls.filter((c) => c.path === 'POST /api/console/sessions/:sessionId/signature').map((c) => c.body)).toEqual([{ passphrase: 'mauvais' }, { passphrase: ' le bon ' }]);
    expect(store.getState()).toMatchObject({ signature: SIGNATURE, justSigned: true, passphrase: '', outbox: OUTBOX });
  });

  it('keeps reading the outbox while waiting or sending, and stops once received; stop() ends the reading', async () => {
    const reads: OutboxState[] = [
      { ...OUTBOX, state: 'waitingForNetwork', attempts: 1, lastErrorCode: 'noPlatformUrl', nextTryAt: '2026-12-01T10:31:00.000Z' },
      { ...OUTBOX, state: 'sent', attempts: 2, progress: { sentBytes: 10, totalBytes: 100 } },
      { ...OUTBOX, state: 'received', attempts: 2 },
    ];
    const { client } = station({
      '/api/console/session': [() => ok({ session: SESSION })],
      '/api/console/sessions/:sessionId/signature': [() => ok(SIGNATURE)],
      '/api/console/sessions/:sessionId/sending': [() => ok(OUTBOX), () => ok(reads[0]), () => ok(reads[1]), () => ok(reads[2])],
    });
    const clock = manualTimers();
    const store = createSigningStore(client, 7, clock.timers);
    await store.getState().start();
    expect(store.getState().outbox?.state).toBe('notRequested');
    expect(clock.pending).toHaveLength(0); // nothing changes by itself: no reading
    // POST and GET share the path: the scripted answers come in order (POST → waiting).
    await store.getState().askSending();
    expect(store.getState().outbox?.state).toBe('waitingForNetwork');
    expect(await clock.fire()).toBe(2000);
    expect(store.getState().outbox?.state).toBe('sent');
    expect(await clock.fire()).toBe(500);
    expect(store.getState().outbox?.state).toBe('received');
    expect(clock.pending).toHaveLength(0);

    store.getState().stop();
    await store.getState().readOutbox();
    expect(clock.pending).toHaveLength(0);
  });

  it('a receipt file: none chosen, too large, empty are said before anything is sent; a refusal is worded from its code', async () => {
    const { client, calls } = station({
      '/api/console/sessions/:sessionId/receipt': [refused('receiptSignatureInvalid')],
      '/api/console/sessions/:sessionId/sending': [() => ok(OUTBOX)],
    });
    const store = createSigningStore(client, 7, manualTimers().timers);
    await store.getState().importReceipt(null);
    expect(store.getState().receiptImport).toEqual({ kind: 'invalid', said: { key: 'signing.receipt.noFile' } });
    await store.getState().importReceipt({ size: 3 * 1024 * 1024, text: async () => 'x' });
    expect(store.getState().receiptImport).toEqual({ kind: 'invalid', said: { key: 'signing.receipt.tooLarge' } });
    await store.getState().importReceipt({ size: 0, text: async () => '  ' });
    expect(store.getState().receiptImport).toEqual({ kind: 'invalid', said: { key: 'error.receiptInvalid' } });
    await store.getState().importReceipt({ size: 10, text: async () => { throw new Error('lecture'); } });
    expect(store.getState().receiptImport).toEqual({ kind: 'invalid', said: { key: 'signing.receipt.unreadable' } });
    expect(calls).toHaveLength(0);
    await store.getState().importReceipt({ size: 10, text: async () => '{"receipt":"…"}' });
    expect(calls.map((c) => c.body)).toEqual([{ text: '{"receipt":"…"}' }]);
    expect(store.getState().receiptImport).toMatchObject({ kind: 'refused', problem: { said: { key: 'error.receiptSignatureInvalid' } } });
  });
});
