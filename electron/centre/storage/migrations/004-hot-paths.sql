-- A test's state is read on every answer, every push and every kiosk request, but its row starts with the two
-- JSON documents frozen at the start (tens of kilobytes on overflow pages that SQLite walks to reach the columns
-- after them). This index carries every other column, so that those reads never touch the documents.
CREATE INDEX tests_candidate_state ON tests (
  candidate_id, id, session_id, content_package_id, profile_package_id, seed, challenge_count, verification_code, state,
  started_at, ended_at, suspended_at, suspension_kind, suspension_cause, abort_reason, end_screen_seen
);

-- Every event of a session is written to the audit chain (one per answer) and read back by session only
-- (`events` primary key). These two indexes served no query: they only put two more pages, at random places, in
-- every commit. Without them, deleting a candidate or a kiosk (rare, and refused once they have events) scans
-- `events` for its foreign key check.
DROP INDEX events_candidate;
DROP INDEX events_kiosk;
