-- A test's state is read on every answer, every push and every kiosk request, but its row starts with the two
-- JSON documents frozen at the start (tens of kilobytes on overflow pages that SQLite walks to reach the columns
-- after them). This index carries every other column, so that those reads never touch the documents.
CREATE INDEX tests_candidate_state ON tests (
  candidate_id, id, session_id, content_package_id, profile_package_id, seed, challenge_count, verification_code, state,
  started_at, ended_at, suspended_at, suspension_kind, suspension_cause, abort_reason, end_screen_seen
);
