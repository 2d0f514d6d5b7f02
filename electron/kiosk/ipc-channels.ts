/**
 * Every IPC channel between the kiosk's main process and its preload, in one enum (electron/fiddle's
 * `ipc-events.ts`). `invoke` channels answer; `send` channels are one-way.
 */
export enum KioskChannel {
  /** page → main (invoke): the shell's version, attestation and fullscreen state. */
  Status = 'kiosk:status',
  /** page → main (send): the page listens; main sends every queued lockdown event, then each new one. */
  SubscribeLockdownEvents = 'kiosk:lockdown-events:subscribe',
  /** main → page: one lockdown event. */
  LockdownEvent = 'kiosk:lockdown-event',
  /** page → main (send): these events are in the page's outbox. */
  AcknowledgeLockdownEvents = 'kiosk:lockdown-events:ack',
  /** page → main (invoke): open an attachment in a permitted application. */
  OpenAttachment = 'kiosk:attachment:open',
  /** main → page: the technician's chord was pressed. */
  TechnicianChord = 'kiosk:technician:chord',
  /** page → main (invoke): the admin code, to quit. */
  TechnicianExit = 'kiosk:technician:exit',
  /** page → main (invoke): the admin code, to remove the device token and relaunch into the pairing page. */
  TechnicianRepairing = 'kiosk:technician:repairing',
}

/** The pairing page's channels (its own preload, pairing-preload.ts; handlers in pairing-window.ts). All invoke. */
export enum PairingChannel {
  /** First pairing or re-pairing, and what to prefill. */
  Situation = 'pairing:situation',
  /** Read the station's certificate fingerprint. */
  FetchCertificate = 'pairing:certificate',
  /** Pair, write the config, relaunch. */
  Pair = 'pairing:pair',
}
