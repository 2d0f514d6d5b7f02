import { z } from 'zod';
import { LiveCandidate, LiveSession } from './console-api';
import { AnswerAck, KioskLiveAnswer } from './kiosk-api';

/**
 * Every message of the live WebSockets (`/api/console/live`, `/api/kiosk/live`, docs/delivery-api.md "Live"),
 * both directions, as one discriminated union per direction: the server parses what it receives with them and
 * the screens parse what they receive. Messages carry codes and facts; the screens word them.
 */

/** WebSocket close codes the clients act on. */
export const LIVE_CLOSE = {
  /** The login expired: log in again. */
  expired: 4401,
  /** The login or the kiosk was revoked (logout, password reset, kiosk revoked). */
  revoked: 4403,
  /** The client did not read its messages fast enough. */
  tooSlow: 4408,
  /** A message bigger than the server reads (WebSocket's own "message too big"). */
  tooBig: 1009,
  /** The server stops. */
  shuttingDown: 1001,
} as const;

/**
 * Biggest WebSocket message the server reads (a bigger one closes the socket, 1009): a kiosk's answer (at most
 * 64 KiB, as on `POST /api/kiosk/answers`) with its envelope.
 */
export const LIVE_MAX_PAYLOAD = 64 * 1024 + 1024;
/** Biggest message a console may send (it only sends pings): a bigger one closes its socket (1009). */
export const CONSOLE_MAX_MESSAGE = 4 * 1024;
/** The server pings every socket this often (WebSocket ping); a socket that missed the previous pong is cut. */
export const LIVE_HEARTBEAT_MS = 15_000;
/**
 * Messages a kiosk socket may send: a burst of this many, then this many a second (token bucket). A candidate
 * answers at most a few questions a second; the limit only protects the station from a flood.
 */
export const KIOSK_MESSAGE_RATE = { burst: 100, perSecond: 50 } as const;

// ---- client → server ------------------------------------------------------------------------------------------

/** Either side may ping; the server answers `pong`. */
export const LivePing = z.object({ type: z.literal('ping') }).strict();

/** What a console sends: pings only (actions go through HTTP routes: durable, validated, idempotent). */
export const ConsoleToServer = z.discriminatedUnion('type', [LivePing]);
export type ConsoleToServer = z.infer<typeof ConsoleToServer>;

/** What a kiosk sends: pings and answers (R-VAL-4, the same body as `POST /api/kiosk/answers`). */
export const KioskToServer = z.discriminatedUnion('type', [LivePing, KioskLiveAnswer]);
export type KioskToServer = z.infer<typeof KioskToServer>;
export type KioskMessageType = KioskToServer['type'];

// ---- server → client ------------------------------------------------------------------------------------------

export const LivePong = z.object({ type: z.literal('pong'), at: z.string() }).strict();
/** A message the server did not take (`unsupportedMessage`, `tooManyMessages`); the French message is for logs. */
export const LiveError = z.object({
  type: z.literal('error'),
  error: z.object({ code: z.string(), message: z.string(), retryAfterSeconds: z.number().int().positive().optional() }).strict(),
}).strict();

export const ConsoleHello = z.object({ type: z.literal('hello'), role: z.literal('console'), sessionId: z.number().int().positive() }).strict();
/** The whole session: on connection and after a finalisation. */
export const CandidatesMessage = LiveSession.extend({ type: z.literal('candidates') }).strict();
/** One candidate changed. */
export const CandidateMessage = z.object({ type: z.literal('candidate'), sessionId: z.number().int().positive(), candidate: LiveCandidate }).strict();

export const ServerToConsole = z.discriminatedUnion('type', [ConsoleHello, CandidatesMessage, CandidateMessage, LivePong, LiveError]);
export type ServerToConsole = z.infer<typeof ServerToConsole>;

export const KioskHello = z.object({ type: z.literal('hello'), role: z.literal('kiosk'), kioskId: z.number().int().positive() }).strict();
/** The candidate's state changed: the kiosk reads `GET /api/kiosk/state` again. */
export const StateChanged = z.object({ type: z.literal('stateChanged') }).strict();
/** The answer `clientAnswerId` is on disk; `ack` is byte for byte the one `POST /api/kiosk/answers` gives. */
export const AnswerSaved = z.object({ type: z.literal('answerSaved'), clientAnswerId: z.string(), ack: AnswerAck }).strict();
export type AnswerSaved = z.infer<typeof AnswerSaved>;
/** The answer was not stored (`clientAnswerId` null when the message could not be read); `status`: the HTTP route's. */
export const AnswerRefused = z.object({
  type: z.literal('answerRefused'),
  clientAnswerId: z.string().nullable(),
  status: z.number().int().min(400).max(599),
  error: z.object({ code: z.string(), message: z.string(), field: z.string(), retryAfterSeconds: z.number().int().positive().optional() }).strict(),
}).strict();
export type AnswerRefused = z.infer<typeof AnswerRefused>;

export const ServerToKiosk = z.discriminatedUnion('type', [KioskHello, StateChanged, AnswerSaved, AnswerRefused, LivePong, LiveError]);
export type ServerToKiosk = z.infer<typeof ServerToKiosk>;

/** Either socket's messages from the server. */
export type ServerMessage = ServerToConsole | ServerToKiosk;

/** JSON text known to serialise a `T` (built by `jsonText` or by a serialiser of typed parts). */
export type JsonText<T> = string & { readonly jsonOf: T };

/** `JSON.stringify` keeping the type of what was serialised. */
export function jsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

/**
 * `answerSaved` around an acknowledgement already serialised (the stored bytes, what the HTTP route sends):
 * the ack is not parsed and serialised again, so both ways give the kiosk the same bytes (R-VAL-4).
 */
export function answerSavedText(clientAnswerId: string, ack: JsonText<AnswerAck>): JsonText<AnswerSaved> {
  return `{"type":"answerSaved","clientAnswerId":${JSON.stringify(clientAnswerId)},"ack":${ack}}` as JsonText<AnswerSaved>;
}
