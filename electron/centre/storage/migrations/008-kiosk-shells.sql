-- The kiosk shell each kiosk was paired with (kiosk-lockdown §2, issue 8 §5; electron/centre/auth/kiosk-shells.ts):
-- the build hash and config hash its attestation must keep declaring. Written at pairing when the shell sends
-- them, else by the first request whose attestation is valid under the device key and names an accepted build.
CREATE TABLE kiosk_shells (
  kiosk_id     INTEGER PRIMARY KEY REFERENCES kiosks (id),
  build_hash   TEXT    NOT NULL CHECK (length(build_hash) = 64),
  config_hash  TEXT    NOT NULL CHECK (length(config_hash) = 64),
  recorded_at  TEXT    NOT NULL,
  recorded_by  TEXT    NOT NULL CHECK (recorded_by IN ('pairing', 'firstRequest'))
);
