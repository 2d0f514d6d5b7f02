import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../shared/formats/routes';
import type { OutboxState } from '../../../shared/formats/sending';
import type { SessionStatus } from '../../../shared/formats/session';
import { RECEIPT_FILE_MAX_CHARS, type SessionSignature } from '../../../shared/formats/signing';
import type { ApiClient } from '../../ui/api-client';
import { pollDelayMs, sameOutbox, type Said } from './outbox-view';
import { callProblem, readPassphrase, signingProblem, type Problem } from './signing-refusal';

/**
 * Issue 10 §1 — the state of « Signer et envoyer les résultats » for one session: whether it is finalised and
 * signed, the signing form, the outbox (read again while something is under way: `pollDelayMs`), and the
 * import of a receipt file brought back on a USB key. The page renders it and calls its actions.
 */
export type SigningLoad = { kind: 'loading' } | { kind: 'failed'; problem: Problem } | { kind: 'ready' };
export type SignStatus = { kind: 'editing' } | { kind: 'invalid'; said: Said } | { kind: 'sending' } | { kind: 'refused'; problem: Problem };
export type AskStatus = { kind: 'idle' } | { kind: 'asking' } | { kind: 'failed'; problem: Problem };
export type ReceiptImportStatus =
  | { kind: 'idle' } | { kind: 'invalid'; said: Said } | { kind: 'importing' } | { kind: 'refused'; problem: Problem }
  | { kind: 'imported'; already: boolean };

/** What the page needs of a chosen file (a DOM `File`; a stand-in in the tests). */
export interface ChosenFile { size: number; text(): Promise<string> }

export interface SigningState {
  load: SigningLoad;
  /** The session's status from the station (R-SESS-1): `created` = not finalised yet. */
  status: SessionStatus | null;
  signature: SessionSignature | null;
  /** True once signed from this page (the signed facts then take the focus). */
  justSigned: boolean;
  passphrase: string;
  sign: SignStatus;
  outbox: OutboxState | null;
  ask: AskStatus;
  receiptImport: ReceiptImportStatus;
  start(): Promise<void>;
  stop(): void;
  editPassphrase(value: string): void;
  submitSign(): Promise<void>;
  askSending(): Promise<void>;
  readOutbox(): Promise<void>;
  importReceipt(file: ChosenFile | null): Promise<void>;
}

export function isFinalised(status: SessionStatus | null): boolean {
  return status !== null && status !== 'created';
}

/** The page's timers (the tests give their own); plain functions, so that `this` is never the object holding them. */
export interface PollTimers {
  set(run: () => void, ms: number): ReturnType<typeof setTimeout>;
  clear(timer: ReturnType<typeof setTimeout>): void;
}
const WINDOW_TIMERS: PollTimers = { set: (run, ms) => setTimeout(run, ms), clear: (timer) => clearTimeout(timer) };

export function createSigningStore(client: ApiClient, sessionId: number, timers: PollTimers = WINDOW_TIMERS): StoreApi<SigningState> {
  const params = { sessionId };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const unschedule = () => { if (timer !== null) timers.clear(timer); timer = null; };

  return createStore<SigningState>((set, get) => {
    const schedule = (outbox: OutboxState) => {
      unschedule();
      const delay = pollDelayMs(outbox);
      if (delay !== null && !stopped) timer = timers.set(() => { void get().readOutbox(); }, delay);
    };
    const showOutbox = (outbox: OutboxState) => {
      // Calm updates: the page changes only when the station says something new.
      if (!sameOutbox(get().outbox, outbox)) set({ outbox });
      schedule(outbox);
    };
    return {
      load: { kind: 'loading' },
      status: null,
      signature: null,
      justSigned: false,
      passphrase: '',
      sign: { kind: 'editing' },
      outbox: null,
      ask: { kind: 'idle' },
      receiptImport: { kind: 'idle' },

      async start() {
        stopped = false;
        set({ load: { kind: 'loading' } });
        const session = await client.call(ROUTES.invigilatorSession);
        if (!session.ok) { set({ load: { kind: 'failed', problem: callProblem(session.error) } }); return; }
        const signature = await client.call(ROUTES.sessionSignature, { params });
        if (!signature.ok && !(signature.error.kind === 'refused' && signature.error.error.code === 'sessionNotSigned')) {
          set({ load: { kind: 'failed', problem: callProblem(signature.error) } });
          return;
        }
        set({ status: session.value.session.status, signature: signature.ok ? signature.value : null });
        if (signature.ok) {
          const outbox = await client.call(ROUTES.sessionOutbox, { params });
          if (!outbox.ok) { set({ load: { kind: 'failed', problem: callProblem(outbox.error) } }); return; }
          showOutbox(outbox.value);
        }
        set({ load: { kind: 'ready' } });
      },

      stop() { stopped = true; unschedule(); },

      editPassphrase(value) {
        set({ passphrase: value, sign: get().sign.kind === 'invalid' ? { kind: 'editing' } : get().sign });
      },

      async submitSign() {
        if (get().sign.kind === 'sending') return;
        const read = readPassphrase(get().passphrase);
        if (!read.ok) { set({ sign: { kind: 'invalid', said: read.said } }); return; }
        set({ sign: { kind: 'sending' } });
        const signed = await client.call(ROUTES.sessionSign, { params, body: { passphrase: read.passphrase } });
        // The password is never kept once tried.
        if (!signed.ok) { set({ sign: { kind: 'refused', problem: signingProblem(signed.error) }, passphrase: '' }); return; }
        set({ signature: signed.value, justSigned: true, sign: { kind: 'editing' }, passphrase: '' });
        await get().readOutbox();
      },

      async askSending() {
        if (get().ask.kind === 'asking') return;
        set({ ask: { kind: 'asking' } });
        const asked = await client.call(ROUTES.sessionSending, { params, body: {} });
        if (!asked.ok) { set({ ask: { kind: 'failed', problem: callProblem(asked.error) } }); return; }
        set({ ask: { kind: 'idle' } });
        showOutbox(asked.value);
      },

      async readOutbox() {
        const outbox = await client.call(ROUTES.sessionOutbox, { params });
        if (stopped) return;
        if (!outbox.ok) {
          // A missed read is not news: try again calmly, keep showing the last state.
          timer = timers.set(() => { void get().readOutbox(); }, 5000);
          return;
        }
        showOutbox(outbox.value);
      },

      async importReceipt(file) {
        if (get().receiptImport.kind === 'importing') return;
        if (!file) { set({ receiptImport: { kind: 'invalid', said: { key: 'signing.receipt.noFile' } } }); return; }
        if (file.size > RECEIPT_FILE_MAX_CHARS) { set({ receiptImport: { kind: 'invalid', said: { key: 'signing.receipt.tooLarge' } } }); return; }
        set({ receiptImport: { kind: 'importing' } });
        let text: string;
        try {
          text = await file.text();
        } catch {
          set({ receiptImport: { kind: 'invalid', said: { key: 'signing.receipt.unreadable' } } });
          return;
        }
        if (text.trim() === '') { set({ receiptImport: { kind: 'invalid', said: { key: 'error.receiptInvalid' } } }); return; }
        const already = get().outbox?.state === 'received';
        const imported = await client.call(ROUTES.sessionReceiptImport, { params, body: { text } });
        if (!imported.ok) { set({ receiptImport: { kind: 'refused', problem: callProblem(imported.error) } }); return; }
        set({ receiptImport: { kind: 'imported', already } });
        await get().readOutbox();
      },
    };
  });
}
