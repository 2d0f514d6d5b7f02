-- Received results bundles (deduplicated by their SHA-256) and the candidates' results the platform computed.
CREATE TABLE bundles (
  bundle_id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  centre_id TEXT NOT NULL REFERENCES centres (centre_id),
  certificate_serial_hex TEXT NOT NULL REFERENCES certificates (serial_hex),
  session_number INTEGER NOT NULL,
  session_date TEXT NOT NULL,
  received_at TEXT NOT NULL,
  archive BLOB NOT NULL,
  receipt BLOB NOT NULL
) STRICT;
CREATE INDEX bundles_by_centre_session ON bundles (centre_id, session_number);

CREATE TABLE candidate_results (
  bundle_id INTEGER NOT NULL REFERENCES bundles (bundle_id),
  candidate_id INTEGER NOT NULL,
  -- R-SESS-7: unique across every centre
  verification_code TEXT NOT NULL UNIQUE,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  exam_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('validated', 'rejected', 'cancelled', 'error')),
  pix INTEGER NOT NULL CHECK (pix >= 0),
  max_level INTEGER NOT NULL,
  competences TEXT NOT NULL,
  reason TEXT,
  published_at TEXT,
  PRIMARY KEY (bundle_id, candidate_id)
) STRICT;
