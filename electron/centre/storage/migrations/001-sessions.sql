-- Sessions, candidates and the signed packages they use (architecture §3–4, R-SESS-1, R-SESS-3).

-- Signed content and profile packages, kept verbatim (body = the JSON as received, signature as received).
CREATE TABLE packages (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('content', 'profile')),
  package_id  TEXT    NOT NULL,
  version     TEXT    NOT NULL,
  sha256      TEXT    NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  body        TEXT    NOT NULL,
  signature   BLOB    NOT NULL,
  signer      TEXT    NOT NULL,
  imported_at TEXT    NOT NULL,
  UNIQUE (kind, sha256)
);

-- R-SESS-1. AUTOINCREMENT: a deleted session's number is never given again (numbers are printed and typed).
CREATE TABLE sessions (
  id                        INTEGER PRIMARY KEY AUTOINCREMENT,
  number                    INTEGER NOT NULL UNIQUE CHECK (number >= 1),
  centre                    TEXT    NOT NULL CHECK (centre <> ''),
  site_address              TEXT    NOT NULL CHECK (site_address <> ''),
  room                      TEXT    NOT NULL CHECK (room <> ''),
  -- normaliseName(site_address), normaliseName(room): "Salle B12" and "salle b-12" are one room.
  site_key                  TEXT    NOT NULL,
  room_key                  TEXT    NOT NULL,
  date                      TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  start_time                TEXT    NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  invigilator_name          TEXT    NOT NULL CHECK (invigilator_name <> ''),
  description               TEXT,
  max_level                 INTEGER NOT NULL CHECK (max_level BETWEEN 1 AND 8),
  locale                    TEXT    NOT NULL CHECK (locale IN ('fr', 'en')),
  access_code               TEXT    NOT NULL CHECK (length(access_code) = 6),
  -- scrypt$N$r$p$salt(base64)$hash(base64): the plain password is shown once, at creation, never stored.
  invigilator_password_hash TEXT    NOT NULL CHECK (invigilator_password_hash LIKE 'scrypt$%'),
  status                    TEXT    NOT NULL DEFAULT 'created'
                                    CHECK (status IN ('created', 'finalised', 'sent', 'resultsReceived')),
  content_package_id        INTEGER REFERENCES packages (id) ON DELETE RESTRICT,
  profile_package_id        INTEGER REFERENCES packages (id) ON DELETE RESTRICT,
  created_at                TEXT    NOT NULL,
  -- R-SESS-1: two sessions with the same site, room, date and time are refused.
  UNIQUE (site_key, room_key, date, start_time)
);
CREATE INDEX sessions_content_package ON sessions (content_package_id);
CREATE INDEX sessions_profile_package ON sessions (profile_package_id);

-- R-SESS-3.
CREATE TABLE candidates (
  id                       INTEGER PRIMARY KEY,
  session_id               INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  last_name                TEXT    NOT NULL,
  first_name               TEXT    NOT NULL,
  -- normaliseName() of the names (R-SESS-4): what check-in and the duplicate rule compare.
  last_name_key            TEXT    NOT NULL CHECK (last_name_key <> '' AND last_name_key NOT GLOB '*[^0-9A-Z]*'),
  first_name_key           TEXT    NOT NULL CHECK (first_name_key <> '' AND first_name_key NOT GLOB '*[^0-9A-Z]*'),
  sex                      TEXT    NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date               TEXT    NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND birth_date > '1900-01-01'),
  birthplace_kind          TEXT    NOT NULL CHECK (birthplace_kind IN ('insee', 'postal', 'foreign')),
  birth_insee_code         TEXT,
  birth_postal_code        TEXT,
  birth_city               TEXT,
  birth_country            TEXT,
  external_id              TEXT,
  email                    TEXT,
  extra_time_percent       REAL    NOT NULL DEFAULT 0 CHECK (extra_time_percent >= 0 AND extra_time_percent < 1000),
  accessibility_adjustment INTEGER NOT NULL DEFAULT 0 CHECK (accessibility_adjustment IN (0, 1)),
  created_at               TEXT    NOT NULL,
  CHECK (
    (birthplace_kind = 'insee'   AND birth_insee_code IS NOT NULL AND birth_postal_code IS NULL AND birth_city IS NULL AND birth_country IS NULL) OR
    (birthplace_kind = 'postal'  AND birth_insee_code IS NULL AND birth_postal_code IS NOT NULL AND birth_city IS NOT NULL AND birth_country IS NULL) OR
    (birthplace_kind = 'foreign' AND birth_insee_code IS NULL AND birth_postal_code IS NULL AND birth_city IS NOT NULL AND birth_country IS NOT NULL)
  )
);
-- R-SESS-3: the same person (normalised last + first name, birth date) twice in one session is refused.
-- It also serves the check-in lookup (R-SESS-4).
CREATE UNIQUE INDEX candidates_same_person ON candidates (session_id, last_name_key, first_name_key, birth_date);
-- One pupil id once per session: it is how the profile package finds the pupil.
CREATE UNIQUE INDEX candidates_external_id ON candidates (session_id, external_id) WHERE external_id IS NOT NULL;
