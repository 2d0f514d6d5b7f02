-- The centre server's platform layer: who may call it (manager, invigilators, kiosks) and the audit log
-- (architecture §2). Secrets are never stored in plain text: passwords as scrypt, tokens and codes as SHA-256.

-- The centre manager (one account per station). scrypt$N$r$p$salt(base64)$hash(base64).
CREATE TABLE manager_account (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  password_hash TEXT    NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  updated_at    TEXT    NOT NULL
);

-- Console logins: the manager's (every session) and an invigilator's (one session). Expiring, revocable.
CREATE TABLE console_tokens (
  token_hash TEXT    PRIMARY KEY CHECK (length(token_hash) = 64),
  kind       TEXT    NOT NULL CHECK (kind IN ('manager', 'invigilator')),
  -- A deleted session takes its invigilators' logins with it.
  session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
  created_at TEXT    NOT NULL,
  expires_at TEXT    NOT NULL,
  revoked_at TEXT,
  CHECK ((kind = 'manager' AND session_id IS NULL) OR (kind = 'invigilator' AND session_id IS NOT NULL))
);
CREATE INDEX console_tokens_session ON console_tokens (session_id);

-- Paired kiosks (lab PCs). Never deleted, only revoked, so the audit log can always name them.
CREATE TABLE kiosks (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL CHECK (name <> ''),
  token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  -- 'manager' or 'invigilator:<session id>': who created the pairing code.
  paired_by    TEXT    NOT NULL,
  paired_at    TEXT    NOT NULL,
  last_seen_at TEXT,
  revoked_at   TEXT
);

-- Pairing codes shown on the console: 6 digits, short-lived, single use.
CREATE TABLE pairing_codes (
  id               INTEGER PRIMARY KEY,
  code_hash        TEXT    NOT NULL CHECK (length(code_hash) = 64),
  created_by       TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  expires_at       TEXT    NOT NULL,
  used_at          TEXT,
  used_by_kiosk_id INTEGER REFERENCES kiosks (id)
);
CREATE INDEX pairing_codes_code ON pairing_codes (code_hash);

-- The audit log: every event of a session, in a hash chain (architecture §2).
-- hash = sha256(prev_hash || canonicalJson(entry)); the first prev_hash is 64 zeros.
-- No ON DELETE action: a session or a candidate with events cannot be deleted (the store says "in use").
CREATE TABLE events (
  session_id   INTEGER NOT NULL REFERENCES sessions (id),
  seq          INTEGER NOT NULL CHECK (seq >= 1),
  at           TEXT    NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind <> ''),
  candidate_id INTEGER REFERENCES candidates (id),
  kiosk_id     INTEGER REFERENCES kiosks (id),
  payload      TEXT    NOT NULL,
  prev_hash    TEXT    NOT NULL CHECK (length(prev_hash) = 64),
  hash         TEXT    NOT NULL CHECK (length(hash) = 64),
  PRIMARY KEY (session_id, seq)
);
CREATE INDEX events_candidate ON events (candidate_id);
CREATE INDEX events_kiosk ON events (kiosk_id);

-- The last link of each chain, written with it: removing the last events is detected too.
CREATE TABLE event_chain_heads (
  session_id INTEGER PRIMARY KEY REFERENCES sessions (id),
  seq        INTEGER NOT NULL,
  hash       TEXT    NOT NULL CHECK (length(hash) = 64)
);

-- Append-only: the application never edits or deletes an event.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'journal d''audit : un événement ne se modifie pas'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'journal d''audit : un événement ne se supprime pas'); END;
