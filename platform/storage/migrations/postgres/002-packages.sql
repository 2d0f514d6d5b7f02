-- Signed content and profile packages the platform publishes (R-PUB, architecture §2).
CREATE TABLE published_packages (
  kind text NOT NULL CHECK (kind IN ('content', 'profiles')),
  package_id text NOT NULL,
  version text NOT NULL,
  sha256 char(64) NOT NULL,
  document bytea NOT NULL,
  signature bytea NOT NULL,
  published_at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (kind, package_id, version)
);
CREATE INDEX published_packages_latest ON published_packages (kind, package_id, seq);
