import { createStore, type StoreApi } from 'zustand/vanilla';
import { ROUTES } from '../../../shared/formats/routes';
import type { OutboxState, StoredReceiptAnswer } from '../../../shared/formats/sending';
import type { ApiClient } from '../../ui/api-client';
import { callProblem, type Problem } from './signing-refusal';

/**
 * Issue 10 §1 — the results received (`#/resultats`): the stored receipt of the session (`GET …/receipt`), or,
 * before any receipt, where the sending stands (`GET …/sending`).
 */
export type ResultsState =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: Problem }
  | { kind: 'none'; outbox: OutboxState | null }
  | { kind: 'received'; receipt: StoredReceiptAnswer; readAt: string };

export interface ResultsStore { results: ResultsState; load(): Promise<void> }

export function createResultsStore(client: ApiClient, sessionId: number): StoreApi<ResultsStore> {
  const params = { sessionId };
  return createStore<ResultsStore>((set) => ({
    results: { kind: 'loading' },
    async load() {
      set({ results: { kind: 'loading' } });
      const receipt = await client.call(ROUTES.sessionReceipt, { params });
      if (receipt.ok) { set({ results: { kind: 'received', receipt: receipt.value, readAt: new Date().toISOString() } }); return; }
      if (receipt.error.kind !== 'refused' || receipt.error.error.code !== 'noReceipt') {
        set({ results: { kind: 'failed', problem: callProblem(receipt.error) } });
        return;
      }
      const outbox = await client.call(ROUTES.sessionOutbox, { params });
      set({ results: { kind: 'none', outbox: outbox.ok ? outbox.value : null } });
    },
  }));
}
