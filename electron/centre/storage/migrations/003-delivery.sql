-- Test delivery, durable answers, live supervision and finalisation (architecture §3–4).
-- Rows that record what a candidate did are never edited or deleted (triggers below): a finalised
-- session is a record, and what was acknowledged to a kiosk stays as it was acknowledged.

-- R-SESS-4, R-SESS-5 — one check-in of a candidate on a kiosk. The kiosk holds the entry token (only its
-- hash is kept); the invigilator's confirmation (presence or resume) authorises ONE start on this entry.
CREATE TABLE entries (
  id             INTEGER PRIMARY KEY,
  candidate_id   INTEGER NOT NULL REFERENCES candidates (id),
  kiosk_id       INTEGER NOT NULL REFERENCES kiosks (id),
  token_hash     TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  checked_in_at  TEXT    NOT NULL,
  -- 'presence' (first entry) or 'resume' (any re-entry), set by the invigilator's action.
  authorised_as  TEXT    CHECK (authorised_as IN ('presence', 'resume')),
  authorised_at  TEXT,
  -- The start that consumed the authorisation (R-SESS-5).
  started_at     TEXT,
  -- A later check-in of the same candidate replaces this entry.
  superseded_at  TEXT,
  CHECK ((authorised_as IS NULL) = (authorised_at IS NULL)),
  CHECK (started_at IS NULL OR authorised_at IS NOT NULL)
);
CREATE INDEX entries_candidate ON entries (candidate_id, id);
CREATE INDEX entries_kiosk ON entries (kiosk_id);

-- R-GEN-4, R-PROF-4, R-SESS-6, R-SESS-7 — a candidate's test (one per candidate).
CREATE TABLE tests (
  id                  INTEGER PRIMARY KEY,
  candidate_id        INTEGER NOT NULL UNIQUE REFERENCES candidates (id),
  session_id          INTEGER NOT NULL REFERENCES sessions (id),
  content_package_id  INTEGER NOT NULL REFERENCES packages (id),
  profile_package_id  INTEGER NOT NULL REFERENCES packages (id),
  seed                INTEGER NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
  -- R-PROF-4: the pupil's profile as it was when the candidate entered (PupilProfile JSON).
  profile_snapshot    TEXT    NOT NULL,
  -- The generated test (GeneratedTest JSON): challenges in delivery order (R-GEN-5).
  generated_test      TEXT    NOT NULL,
  challenge_count     INTEGER NOT NULL CHECK (challenge_count >= 1),
  verification_code   TEXT    NOT NULL UNIQUE CHECK (length(verification_code) = 10 AND verification_code LIKE 'P-%'),
  state               TEXT    NOT NULL DEFAULT 'started'
                              CHECK (state IN ('started', 'completed', 'endedByInvigilator', 'endedDueToFinalisation')),
  started_at          TEXT    NOT NULL,
  ended_at            TEXT,
  -- A lockdown event with the policy "suspend" (kiosk-lockdown.md §2); lifted by "Autoriser la reprise".
  suspended_at        TEXT,
  suspension_kind     TEXT,
  suspension_cause    TEXT,
  -- R-FIN-1, R-FIN-3: set at finalisation.
  abort_reason        TEXT    CHECK (abort_reason IN ('candidate', 'technical')),
  end_screen_seen     INTEGER NOT NULL DEFAULT 0 CHECK (end_screen_seen IN (0, 1)),
  CHECK ((state = 'started') = (ended_at IS NULL))
);
CREATE INDEX tests_session ON tests (session_id);

-- R-VAL-4 — one answer per test and challenge: a replay finds this row and gets its acknowledgement back.
CREATE TABLE answers (
  id                INTEGER PRIMARY KEY,
  test_id           INTEGER NOT NULL REFERENCES tests (id),
  challenge_id      TEXT    NOT NULL,
  -- 0-based index of the challenge in the test's delivery order.
  position          INTEGER NOT NULL CHECK (position >= 0),
  -- The raw answer as the kiosk sent it (canonical JSON).
  answer            TEXT    NOT NULL,
  validation        TEXT    NOT NULL CHECK (validation IN ('ok', 'ko', 'partially', 'aband')),
  status            TEXT    NOT NULL CHECK (status IN ('ok', 'ko', 'partially', 'aband', 'timedout', 'focusedOut')),
  -- QROCM: {field: good?} (canonical JSON), else NULL.
  field_results     TEXT,
  timed_out         INTEGER NOT NULL CHECK (timed_out IN (0, 1)),
  focus_lost        INTEGER NOT NULL CHECK (focus_lost IN (0, 1)),
  elapsed_ms        INTEGER NOT NULL CHECK (elapsed_ms >= 0),
  -- The extended timer in force when the answer arrived (R-VAL-6), NULL for an untimed challenge.
  timer_seconds     INTEGER,
  answered_at       TEXT    NOT NULL,
  kiosk_id          INTEGER NOT NULL REFERENCES kiosks (id),
  entry_id          INTEGER NOT NULL REFERENCES entries (id),
  client_answer_id  TEXT    NOT NULL,
  -- The acknowledgement sent to the kiosk, verbatim: a replay gets exactly these bytes.
  ack               TEXT    NOT NULL,
  UNIQUE (test_id, challenge_id)
);

-- Lockdown and focus events from the kiosks (kiosk-lockdown.md §2), also appended to the audit chain.
CREATE TABLE lockdown_events (
  id               INTEGER PRIMARY KEY,
  entry_id         INTEGER NOT NULL REFERENCES entries (id),
  candidate_id     INTEGER NOT NULL REFERENCES candidates (id),
  kiosk_id         INTEGER NOT NULL REFERENCES kiosks (id),
  kind             TEXT    NOT NULL,
  cause            TEXT    NOT NULL,
  -- When the kiosk saw it (its clock) and when the station received it.
  occurred_at      TEXT    NOT NULL,
  received_at      TEXT    NOT NULL,
  challenge_id     TEXT,
  details          TEXT    NOT NULL,
  policy           TEXT    NOT NULL CHECK (policy IN ('suspend', 'warn', 'log')),
  -- A kiosk resending its queue sends the same id: the event is kept once.
  client_event_id  TEXT,
  UNIQUE (entry_id, client_event_id)
);
CREATE INDEX lockdown_events_candidate ON lockdown_events (candidate_id, id);

-- R-INC-1 — incident reports. E-codes name a challenge: the one the invigilator pointed at is kept with the
-- question number it had then (R-INC-1 chronological order).
CREATE TABLE incidents (
  id               INTEGER PRIMARY KEY,
  session_id       INTEGER NOT NULL REFERENCES sessions (id),
  candidate_id     INTEGER NOT NULL REFERENCES candidates (id),
  category         TEXT    NOT NULL,
  challenge_id     TEXT,
  question_number  INTEGER CHECK (question_number IS NULL OR question_number >= 1),
  description      TEXT    NOT NULL,
  created_by       TEXT    NOT NULL,
  created_at       TEXT    NOT NULL
);
CREATE INDEX incidents_session ON incidents (session_id, id);

-- R-FIN-1..3 — the finalised session: the invigilator's statements and the unsigned results document.
CREATE TABLE finalisations (
  session_id               INTEGER PRIMARY KEY REFERENCES sessions (id),
  finalised_at             TEXT    NOT NULL,
  finalised_by             TEXT    NOT NULL,
  global_comment           TEXT    NOT NULL,
  incident_during_session  INTEGER NOT NULL CHECK (incident_during_session IN (0, 1)),
  joining_issue            INTEGER NOT NULL CHECK (joining_issue IN (0, 1)),
  -- RFC 8785 canonical JSON of the results document (shared/formats/results.ts) and its SHA-256.
  results_json             TEXT    NOT NULL,
  results_sha256           TEXT    NOT NULL CHECK (length(results_sha256) = 64),
  chain_seq                INTEGER NOT NULL,
  chain_head               TEXT    NOT NULL CHECK (length(chain_head) = 64)
);

CREATE TRIGGER answers_no_update BEFORE UPDATE ON answers
BEGIN SELECT RAISE(ABORT, 'réponse enregistrée : elle ne se modifie pas'); END;
CREATE TRIGGER answers_no_delete BEFORE DELETE ON answers
BEGIN SELECT RAISE(ABORT, 'réponse enregistrée : elle ne se supprime pas'); END;
CREATE TRIGGER lockdown_events_no_update BEFORE UPDATE ON lockdown_events
BEGIN SELECT RAISE(ABORT, 'événement de poste : il ne se modifie pas'); END;
CREATE TRIGGER lockdown_events_no_delete BEFORE DELETE ON lockdown_events
BEGIN SELECT RAISE(ABORT, 'événement de poste : il ne se supprime pas'); END;
CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'signalement : il ne se supprime pas'); END;
CREATE TRIGGER finalisations_no_change BEFORE UPDATE ON finalisations
BEGIN SELECT RAISE(ABORT, 'session finalisée : le document de résultats ne se modifie pas'); END;
CREATE TRIGGER finalisations_no_delete BEFORE DELETE ON finalisations
BEGIN SELECT RAISE(ABORT, 'session finalisée : le document de résultats ne se supprime pas'); END;
