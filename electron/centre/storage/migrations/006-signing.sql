-- The signature of a finalised session (electron/centre/signing/): the detached CMS over the stored results
-- document (finalisations.results_json) and the exact bundle (.zip) built at signing time, kept so that every
-- download gives the same bytes. A signed session is frozen (sessions/session-lock.ts); its signature never
-- changes and is never removed.
CREATE TABLE session_signatures (
  session_id              INTEGER PRIMARY KEY REFERENCES sessions (id),
  signed_at               TEXT    NOT NULL,
  signed_by               TEXT    NOT NULL,
  signer_subject          TEXT    NOT NULL,
  certificate_fingerprint TEXT    NOT NULL,
  results_sha256          TEXT    NOT NULL CHECK (length(results_sha256) = 64),
  signature               BLOB    NOT NULL,
  bundle                  BLOB    NOT NULL,
  bundle_sha256           TEXT    NOT NULL CHECK (length(bundle_sha256) = 64),
  -- JSON array of the file names in the .zip, in their order
  files                   TEXT    NOT NULL
);

CREATE TRIGGER session_signatures_finalised_only BEFORE INSERT ON session_signatures
WHEN NOT EXISTS (SELECT 1 FROM finalisations WHERE session_id = NEW.session_id AND results_sha256 = NEW.results_sha256)
BEGIN SELECT RAISE(ABORT, 'signature : la session n’est pas finalisée, ou le document signé n’est pas le sien'); END;
CREATE TRIGGER session_signatures_no_change BEFORE UPDATE ON session_signatures
BEGIN SELECT RAISE(ABORT, 'session signée : la signature ne se modifie pas'); END;
CREATE TRIGGER session_signatures_no_delete BEFORE DELETE ON session_signatures
BEGIN SELECT RAISE(ABORT, 'session signée : la signature ne se supprime pas'); END;
