-- Received results bundles (deduplicated by their SHA-256) and the candidates' results the platform computed.
-- Sized for a national deployment: about 800,000 candidates a year, tens of thousands on a peak day.
CREATE TABLE bundles (
  bundle_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256 char(64) NOT NULL UNIQUE,
  centre_id text NOT NULL REFERENCES centres (centre_id),
  certificate_serial_hex text NOT NULL REFERENCES certificates (serial_hex),
  session_number integer NOT NULL,
  session_date date NOT NULL,
  received_at timestamptz NOT NULL,
  archive bytea NOT NULL,
  receipt bytea NOT NULL
);
CREATE INDEX bundles_by_centre_session ON bundles (centre_id, session_number);

CREATE TABLE candidate_results (
  bundle_id bigint NOT NULL REFERENCES bundles (bundle_id),
  candidate_id integer NOT NULL,
  -- R-SESS-7: unique across every centre
  verification_code text NOT NULL UNIQUE,
  last_name text NOT NULL,
  first_name text NOT NULL,
  birth_date date NOT NULL,
  exam_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('validated', 'rejected', 'cancelled', 'error')),
  pix integer NOT NULL CHECK (pix >= 0),
  max_level integer NOT NULL,
  competences jsonb NOT NULL,
  reason text,
  published_at timestamptz,
  PRIMARY KEY (bundle_id, candidate_id)
);
