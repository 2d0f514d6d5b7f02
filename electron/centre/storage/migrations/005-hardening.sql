-- Failed attempts (logins, pairing, check-ins) counted per limiter and key, kept on disk: a restart of the
-- station no longer gives an attacker a fresh count (auth/failure-limiter.ts). Old rows are pruned as keys fail.
CREATE TABLE failed_attempts (
  limiter  TEXT    NOT NULL,
  key      TEXT    NOT NULL,
  at_ms    INTEGER NOT NULL
);
CREATE INDEX failed_attempts_key ON failed_attempts (limiter, key, at_ms);

-- Identical lockdown signals repeated within a short window are kept as one row with a count and the time of
-- the last one (delivery/lockdown-events.ts): a flood of 1,000 signals does not bury the session's log.
ALTER TABLE lockdown_events ADD COLUMN repeat_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lockdown_events ADD COLUMN last_received_at TEXT;
-- The signal itself still never changes: only its two counters may.
DROP TRIGGER lockdown_events_no_update;
CREATE TRIGGER lockdown_events_no_update
BEFORE UPDATE OF id, entry_id, candidate_id, kiosk_id, kind, cause, occurred_at, received_at, challenge_id, details, policy, client_event_id
ON lockdown_events
BEGIN SELECT RAISE(ABORT, 'événement de poste : il ne se modifie pas'); END;
