import { randomBytes } from 'node:crypto';
import type { KioskState } from '../../../shared/formats/kiosk-api';
import { ENTRY_TOKEN_HEADER } from '../../../shared/formats/kiosk-api';
import type { Candidate, Session } from '../../../shared/formats/session';
import { sha256Hex } from '../auth/secret-token';
import { kioskStateName, theoreticalEnd } from '../records/candidate-situation';
import type { DeliveryContext } from '../records/delivery-context';
import type { Entry, TestRecord } from '../records/delivery-store';
import { extendedTimers } from './kiosk-view';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';

const ENTRY_TOKEN_PREFIX = 'pe_';
const ENTRY_TOKEN_BYTES = 32;
const ENTRY_TOKEN_PATTERN = /^pe_[A-Za-z0-9_-]{43}$/;

/** A new entry token (shown once to the kiosk; only its SHA-256 is kept). */
export function newEntryToken(): { token: string; tokenHash: string } {
  const token = ENTRY_TOKEN_PREFIX + randomBytes(ENTRY_TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: sha256Hex(token) };
}

/** The candidate behind an entry token, with their session and test. */
export interface EntryContext {
  entry: Entry;
  candidate: Candidate;
  session: Session;
  test: TestRecord | null;
}

/**
 * The entry a kiosk names in the `x-passation-entry` header. An entry is bound to the kiosk that checked the
 * candidate in: another kiosk's token with it is refused like an unknown entry.
 */
export function resolveEntry(context: DeliveryContext, kioskId: number, token: unknown): Result<EntryContext, Refusal> {
  const found = resolveEntryOnly(context, kioskId, token);
  if (!found.ok) return found;
  const entry = found.value;
  const candidate = context.sessions.getCandidate(entry.candidateId);
  const session = candidate ? context.sessions.getSession(candidate.sessionId) : null;
  if (!candidate || !session) {
    return refuse('entryUnknown', ENTRY_TOKEN_HEADER, 'Connexion du candidat inconnue sur ce poste : identifiez-vous de nouveau.');
  }
  return ok({ entry, candidate, session, test: context.store.testOfCandidate(candidate.id) });
}

/**
 * Only the entry a kiosk names, bound to that kiosk: what the answer route needs before the group commit, which
 * reads the candidate and the test again anyway (they may change in between).
 */
export function resolveEntryOnly(context: DeliveryContext, kioskId: number, token: unknown): Result<Entry, Refusal> {
  if (typeof token !== 'string' || !ENTRY_TOKEN_PATTERN.test(token)) {
    return refuse('entryMissing', ENTRY_TOKEN_HEADER, 'Connexion du candidat absente : identifiez-vous de nouveau sur ce poste.');
  }
  const entry = context.store.entryByTokenHash(sha256Hex(token));
  if (!entry || entry.kioskId !== kioskId) {
    return refuse('entryUnknown', ENTRY_TOKEN_HEADER, 'Connexion du candidat inconnue sur ce poste : identifiez-vous de nouveau.');
  }
  return ok(entry);
}

/** What the kiosk holding `entry` shows now (R-SESS-5, R-SESS-6, R-GEN-6, R-VAL-6), with the suspension's cause when suspended. */
export function kioskState(context: DeliveryContext, entry: Entry, candidate: Candidate, test: TestRecord | null): KioskState {
  const state = kioskStateName(entry, test, context.now());
  const sessionFinalised = (context.sessions.getSession(candidate.sessionId)?.status ?? 'created') !== 'created';
  if (!test) {
    return { state, progress: null, extraTimePercent: candidate.extraTimePercent, theoreticalEndAt: null, timers: {}, sessionFinalised };
  }
  const answered = context.store.answeredChallengeIds(test.id);
  const material = context.tests.of(test);
  const open = material ? material.challenges.filter((c) => !answered.has(c.id)) : [];
  return {
    state,
    progress: { answered: answered.size, total: test.challengeCount },
    extraTimePercent: candidate.extraTimePercent,
    theoreticalEndAt: theoreticalEnd(test.startedAt, candidate.extraTimePercent),
    timers: test.state === 'started' ? extendedTimers(open, candidate.extraTimePercent) : {},
    ...(state === 'suspended' && test.suspension ? { suspension: { ...test.suspension } } : {}),
    sessionFinalised,
  };
}
