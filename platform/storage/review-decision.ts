import { err, ok, type Result } from '../../shared/result';
import type { ReviewDecision, StoreRefusal } from './platform-store';
import type { Row } from './row-mapping';

/** R-PUB-1 — may this decision be taken on this row (REVIEW_CANDIDATE_SQL)? The same rule on both engines. */
export function reviewRefusal(row: Row | undefined, decision: ReviewDecision): Result<void, StoreRefusal> {
  const verificationCode = decision.verificationCode;
  if (row === undefined) return err({ code: 'unknownResult', verificationCode });
  if (row.decision !== null && row.decision !== undefined) return err({ code: 'notHeldForReview', verificationCode, why: 'decided', decision: String(row.decision) });
  if (row.status !== 'validated') return err({ code: 'notHeldForReview', verificationCode, why: 'notValidated' });
  if (row.published_at !== null && row.published_at !== undefined) return err({ code: 'notHeldForReview', verificationCode, why: 'published' });
  return ok(undefined);
}
