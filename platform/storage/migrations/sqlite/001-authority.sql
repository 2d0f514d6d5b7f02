-- The authority's registry: centres, the certificates it issued, their revocations, the CRLs it signed.
CREATE TABLE centres (
  centre_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE certificates (
  serial_hex TEXT PRIMARY KEY CHECK (serial_hex GLOB '[0-9a-f]*' AND length(serial_hex) BETWEEN 2 AND 40),
  kind TEXT NOT NULL CHECK (kind IN ('centre', 'platformSigning')),
  centre_id TEXT REFERENCES centres (centre_id),
  subject TEXT NOT NULL,
  fingerprint_sha256 TEXT NOT NULL UNIQUE,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  certificate_pem TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  CHECK ((kind = 'centre') = (centre_id IS NOT NULL))
) STRICT;
CREATE INDEX certificates_by_centre ON certificates (centre_id, issued_at);

CREATE TABLE revocations (
  serial_hex TEXT PRIMARY KEY REFERENCES certificates (serial_hex),
  reason TEXT NOT NULL CHECK (reason IN ('unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation')),
  revoked_at TEXT NOT NULL
) STRICT;

CREATE TABLE crls (
  crl_number INTEGER PRIMARY KEY AUTOINCREMENT,
  issued_at TEXT NOT NULL,
  next_update TEXT NOT NULL,
  entries INTEGER NOT NULL
);
