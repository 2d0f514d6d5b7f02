/**
 * R-PUB-1 — the review of results held for a person (C1, C6: R-INC-1), the same SQL on both engines (`$n`
 * placeholders; the SQLite store turns them into `?`). A validated result is held when the platform stored it
 * unpublished (receive-bundle.ts publishes the others at once); it stays held until one decision is recorded.
 */
const WITH_CENTRE = `SELECT r.*, b.centre_id, b.sha256, c.name AS centre_name, v.decision, v.decided_at, v.decided_by
  FROM candidate_results r JOIN bundles b USING (bundle_id) JOIN centres c ON c.centre_id = b.centre_id
  LEFT JOIN result_reviews v ON v.verification_code = r.verification_code`;

export const HELD_FOR_REVIEW_SQL = `${WITH_CENTRE}
  WHERE r.status = 'validated' AND r.published_at IS NULL AND v.verification_code IS NULL
  ORDER BY b.received_at, r.verification_code`;

export const REVIEW_CANDIDATE_SQL = `${WITH_CENTRE} WHERE r.verification_code = $1`;

export const INSERT_DECISION_SQL = 'INSERT INTO result_reviews (verification_code, decision, decided_at, decided_by, note) VALUES ($1, $2, $3, $4, $5)';

export const PUBLISH_RESULT_SQL = 'UPDATE candidate_results SET published_at = $1 WHERE verification_code = $2 AND published_at IS NULL';

/** `$1, $2…` → `?` for better-sqlite3 (each placeholder used once, in order, in these statements). */
export const sqlitePlaceholders = (sql: string) => sql.replace(/\$\d+/g, '?');
