-- The authority's registry: centres, the certificates it issued, their revocations, the CRLs it signed.
CREATE TABLE centres (
  centre_id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE certificates (
  serial_hex text PRIMARY KEY CHECK (serial_hex ~ '^[0-9a-f]{2,40}$'),
  kind text NOT NULL CHECK (kind IN ('centre', 'platformSigning')),
  centre_id text REFERENCES centres (centre_id),
  subject text NOT NULL,
  fingerprint_sha256 text NOT NULL UNIQUE,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  certificate_pem text NOT NULL,
  issued_at timestamptz NOT NULL,
  CHECK ((kind = 'centre') = (centre_id IS NOT NULL))
);
CREATE INDEX certificates_by_centre ON certificates (centre_id, issued_at);

CREATE TABLE revocations (
  serial_hex text PRIMARY KEY REFERENCES certificates (serial_hex),
  reason text NOT NULL CHECK (reason IN ('unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation')),
  revoked_at timestamptz NOT NULL
);

CREATE TABLE crls (
  crl_number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  issued_at timestamptz NOT NULL,
  next_update timestamptz NOT NULL,
  entries integer NOT NULL
);
