-- Signed content and profile packages the platform publishes (R-PUB, architecture §2).
CREATE TABLE published_packages (
  kind TEXT NOT NULL CHECK (kind IN ('content', 'profiles')),
  package_id TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  document BLOB NOT NULL,
  signature BLOB NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (kind, package_id, version)
) STRICT;
-- "Latest" is the last published: the highest rowid of a (kind, package_id).
