import { AnswerAck, KioskAnswer } from '../../../shared/formats/kiosk-api';
import { err, ok, type Result } from '../../../shared/result';
import type { AnswerState, KeptAnswer, KioskDb } from './kiosk-database';

/**
 * The answers kept on this computer (R-VAL-4: an answer is never lost). `keep` resolves once the write is
 * durable (`durability: 'strict'`: flushed to disk before the transaction completes), so the screen moves on
 * only after it. One record per (test, challenge): a second answer to the same challenge keeps the first, as the
 * station does. A record leaves `pending` only with the station's acknowledgement (`markSent`) or a refusal that
 * can never succeed (`setAside`); the records go only when the session is finalised (`clearSession`).
 */

/** Who the answer belongs to: the session (for clearing) and the pupil's test on this kiosk. */
export interface AnswerOwner { sessionKey: string; testKey: string }

export type StoreError =
  /** The body is not a `KioskAnswer`: nothing was written. */
  | { kind: 'invalid'; message: string }
  /** IndexedDB failed (quota, disk, closed): nothing was written. */
  | { kind: 'notKept'; message: string }
  /** No kept answer has this `clientAnswerId`. */
  | { kind: 'unknown'; clientAnswerId: string }
  /** The acknowledgement is not for this answer's challenge. */
  | { kind: 'mismatch'; message: string };

/** The answer after a change of state, and whether this call changed it (each change in its own strict transaction). */
export interface Changed { answer: KeptAnswer; changed: boolean }

export interface AnswerStore {
  keep(owner: AnswerOwner, body: KioskAnswer, now?: number): Promise<Result<{ answer: KeptAnswer; already: boolean }, StoreError>>;
  /** The test's answers not yet acknowledged nor set aside, oldest first. */
  pending(testKey: string): Promise<KeptAnswer[]>;
  /** Every answer of the test, oldest first (the screens skip the challenges already answered). */
  answersOf(testKey: string): Promise<KeptAnswer[]>;
  byClientAnswerId(clientAnswerId: string): Promise<KeptAnswer | undefined>;
  /** `pending` → `sent` with the station's acknowledgement; a second acknowledgement changes nothing (`changed: false`). */
  markSent(clientAnswerId: string, ack: AnswerAck, now?: number): Promise<Result<Changed, StoreError>>;
  /** `pending` → `setAside`: the station refused it for good (kept, reported, never sent again by itself). */
  setAside(clientAnswerId: string, refusal: { status: number; code: string }, now?: number): Promise<Result<Changed, StoreError>>;
  /** The station reported the session finalised: its answers, timers, kept test and assets leave this computer. */
  clearSession(sessionKey: string): Promise<number>;
}

const STRICT = { durability: 'strict' } as const;

/** A new `clientAnswerId` (a random UUID: 36 letters, digits and hyphens, as `ClientId` allows), unique on this kiosk. */
export const newClientAnswerId = (): string => crypto.randomUUID();
const messageOf = (error: unknown) => (error instanceof Error ? `${error.name} : ${error.message}` : String(error));
const issuesOf = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `« ${i.path.map(String).join('.') || '(racine)'} » : ${i.message}`).join(' ; ');

export function createAnswerStore(db: KioskDb): AnswerStore {
  async function changeState(clientAnswerId: string, next: (answer: KeptAnswer) => Result<AnswerState | null, StoreError>): Promise<Result<Changed, StoreError>> {
    try {
      const tx = db.transaction('answers', 'readwrite', STRICT);
      const index = tx.store.index('byClientAnswerId');
      const answer = await index.get(clientAnswerId);
      if (!answer) {
        tx.abort();
        await tx.done.catch(() => {});
        return err({ kind: 'unknown', clientAnswerId });
      }
      const decided = next(answer);
      if (!decided.ok || decided.value === null) {
        await tx.done;
        return decided.ok ? ok({ answer, changed: false }) : decided;
      }
      const changed = { ...answer, state: decided.value };
      await tx.store.put(changed);
      await tx.done;
      return ok({ answer: changed, changed: true });
    } catch (error) {
      return err({ kind: 'notKept', message: `Réponse non mise à jour : ${messageOf(error)}` });
    }
  }

  const ordered = (answers: KeptAnswer[]) => answers.sort((a, b) => a.seq - b.seq);

  return {
    async keep(owner, body, now = Date.now()) {
      const parsed = KioskAnswer.safeParse(body);
      if (!parsed.success) return err({ kind: 'invalid', message: `Réponse invalide, non gardée : ${issuesOf(parsed.error.issues)}.` });
      try {
        const tx = db.transaction('answers', 'readwrite', STRICT);
        const existing = await tx.store.index('byChallenge').get([owner.testKey, parsed.data.challengeId]);
        if (existing) {
          await tx.done;
          return ok({ answer: existing, already: true });
        }
        const record: Omit<KeptAnswer, 'seq'> = {
          sessionKey: owner.sessionKey, testKey: owner.testKey, challengeId: parsed.data.challengeId,
          clientAnswerId: parsed.data.clientAnswerId, body: parsed.data, keptAt: now, state: { kind: 'pending' },
        };
        const seq = await tx.store.add(record as KeptAnswer);
        await tx.done; // resolves only once the strict transaction is committed
        return ok({ answer: { ...record, seq }, already: false });
      } catch (error) {
        return err({ kind: 'notKept', message: `Réponse non gardée sur cet ordinateur : ${messageOf(error)}` });
      }
    },

    async pending(testKey) {
      return ordered(await db.getAllFromIndex('answers', 'byTest', testKey)).filter((a) => a.state.kind === 'pending');
    },

    async answersOf(testKey) {
      return ordered(await db.getAllFromIndex('answers', 'byTest', testKey));
    },

    byClientAnswerId: (clientAnswerId) => db.getFromIndex('answers', 'byClientAnswerId', clientAnswerId),

    markSent(clientAnswerId, ack, now = Date.now()) {
      const checked = AnswerAck.safeParse(ack);
      if (!checked.success) return Promise.resolve(err({ kind: 'mismatch', message: `Accusé illisible : ${issuesOf(checked.error.issues)}.` }));
      return changeState(clientAnswerId, (answer) => {
        if (checked.data.challengeId !== answer.challengeId) {
          return err({ kind: 'mismatch', message: `Accusé pour l’épreuve « ${checked.data.challengeId} », réponse à l’épreuve « ${answer.challengeId} ».` });
        }
        if (answer.state.kind === 'sent') return ok(null);
        return ok({ kind: 'sent', ack: checked.data, ackedAt: now });
      });
    },

    setAside(clientAnswerId, refusal, now = Date.now()) {
      return changeState(clientAnswerId, (answer) =>
        ok(answer.state.kind === 'pending' ? { kind: 'setAside', status: refusal.status, code: refusal.code, at: now } : null));
    },

    async clearSession(sessionKey) {
      const tx = db.transaction(['answers', 'timers', 'tests', 'assets'], 'readwrite', STRICT);
      const answers = tx.objectStore('answers');
      const keys = await answers.index('bySession').getAllKeys(sessionKey);
      for (const key of keys) await answers.delete(key);
      const timers = tx.objectStore('timers');
      for (const key of await timers.index('bySession').getAllKeys(sessionKey)) await timers.delete(key);
      const tests = tx.objectStore('tests');
      const assets = tx.objectStore('assets');
      for (const testKey of await tests.index('bySession').getAllKeys(sessionKey)) {
        for (const key of await assets.index('byTest').getAllKeys(testKey)) await assets.delete(key);
        await tests.delete(testKey);
      }
      await tx.done;
      return keys.length;
    },
  };
}
