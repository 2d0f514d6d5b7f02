-- Sending signed sessions to the authority platform (electron/centre/sending/, issue 9 §2). The schedule lives
-- here, not in memory: a station restarted mid-way goes on where it was (attempts, next try time).

-- The platform's address, set by the manager (one row). Its TLS certificate is checked against authority.pem only.
CREATE TABLE sending_settings (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  platform_url  TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);

-- One row per signed session asked to be sent. state: waitingForNetwork (to try at next_try_at), sent (an upload
-- started; if the station stops during it, the row is tried again at next_try_at), received (receipt stored),
-- refused (the platform refused the bundle with a 4xx: not retried until asked again).
CREATE TABLE outbox (
  session_id          INTEGER PRIMARY KEY REFERENCES session_signatures (session_id),
  state               TEXT    NOT NULL CHECK (state IN ('waitingForNetwork', 'sent', 'received', 'refused')),
  attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  requested_at        TEXT    NOT NULL,
  next_try_at         TEXT,
  last_attempt_at     TEXT,
  last_error_code     TEXT,
  last_error_message  TEXT
);
CREATE INDEX outbox_due ON outbox (next_try_at) WHERE state IN ('waitingForNetwork', 'sent');

-- The platform's signed receipt, kept byte for byte (the signature covers receipt_json's UTF-8 bytes), checked
-- against the authority before it is stored. Never changed, never removed.
CREATE TABLE receipts (
  session_id      INTEGER PRIMARY KEY REFERENCES session_signatures (session_id),
  receipt_json    TEXT    NOT NULL,
  signature       BLOB    NOT NULL,
  signer_subject  TEXT    NOT NULL,
  bundle_sha256   TEXT    NOT NULL CHECK (length(bundle_sha256) = 64),
  received_at     TEXT    NOT NULL,
  -- 'network' (the outbox) or 'file' (passation import-receipt)
  source          TEXT    NOT NULL CHECK (source IN ('network', 'file'))
);
CREATE TRIGGER receipts_no_change BEFORE UPDATE ON receipts
BEGIN SELECT RAISE(ABORT, 'reçu : il ne se modifie pas'); END;
CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
BEGIN SELECT RAISE(ABORT, 'reçu : il ne se supprime pas'); END;

-- Each candidate's result as the platform computed it (from the receipt), for the console.
CREATE TABLE receipt_candidates (
  session_id          INTEGER NOT NULL REFERENCES receipts (session_id),
  candidate_id        INTEGER NOT NULL,
  status              TEXT    NOT NULL,
  pix                 INTEGER NOT NULL,
  verification_code   TEXT    NOT NULL,
  -- JSON: the receipt's candidate entry as is
  result              TEXT    NOT NULL,
  PRIMARY KEY (session_id, candidate_id)
);
