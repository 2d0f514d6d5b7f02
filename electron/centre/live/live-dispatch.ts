import type { RawData } from 'ws';
import {
  CONSOLE_MAX_MESSAGE, ConsoleToServer, jsonText, KIOSK_MESSAGE_RATE, LIVE_CLOSE, LivePing,
  type KioskMessageType, type LiveError, type ServerToKiosk,
} from '../../../shared/formats/live-messages';
import type { z } from 'zod';
import { sendText, type Client, type KioskClient, type KioskSender } from './live-clients';
import { takeToken } from '../http/token-bucket';

/** What a route plugin does with one type of kiosk message (`{type, …}` parsed from JSON, its own schema not yet applied). */
export interface KioskMessageHandler {
  handle(from: KioskSender, message: Record<string, unknown>): void;
  /** The kiosk sent more than its share of messages: answer this one with a refusal (nothing is done). */
  tooMany(from: KioskSender, message: Record<string, unknown>, retryAfterSeconds: number): void;
}

const UNSUPPORTED: z.input<typeof LiveError> = {
  type: 'error',
  error: {
    code: 'unsupportedMessage',
    message: 'Message non pris en charge : {"type":"ping"} est accepté, et {"type":"answer",…} d’un poste candidat ; les autres actions passent par l’API HTTP.',
  },
};

/**
 * Reads each message a client sends (the client → server unions of shared/formats/live-messages.ts): a ping is
 * answered `pong`; a kiosk's other known types go to their handler, within the kiosk's budget
 * (KIOSK_MESSAGE_RATE, `tooManyMessages` beyond); anything else is refused `unsupportedMessage`.
 */
export function createDispatch(options: { clock: () => Date; handlers: ReadonlyMap<KioskMessageType, KioskMessageHandler> }) {
  const unsupported = jsonText(UNSUPPORTED);
  const pong = () => jsonText({ type: 'pong' as const, at: options.clock().toISOString() });

  function fromKiosk(client: KioskClient, message: unknown): void {
    const sender = client.sender;
    const taken = takeToken(client.bucket, KIOSK_MESSAGE_RATE, performance.now());
    client.bucket = taken.bucket;
    const type = typeOf(message);
    const handler = type === undefined || type === 'ping' ? undefined : options.handlers.get(type as KioskMessageType);
    if (taken.waitSeconds > 0) {
      const wait = taken.waitSeconds;
      if (handler) handler.tooMany(sender, message as Record<string, unknown>, wait);
      else sendText(client, jsonText<ServerToKiosk>({ type: 'error', error: { code: 'tooManyMessages', message: `Trop de messages : réessayez dans ${wait} s.`, retryAfterSeconds: wait } }));
      return;
    }
    if (LivePing.safeParse(message).success) sendText(client, pong());
    else if (handler) handler.handle(sender, message as Record<string, unknown>);
    else sendText(client, unsupported);
  }

  return {
    /** One frame from a client's socket. */
    receive(client: Client, data: RawData, isBinary: boolean): void {
      if (client.role === 'console' && byteLength(data) > CONSOLE_MAX_MESSAGE) {
        client.socket.close(LIVE_CLOSE.tooBig, 'message trop long');
        return;
      }
      let message: unknown;
      try {
        message = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        message = undefined;
      }
      if (client.role === 'kiosk') fromKiosk(client, message);
      else if (ConsoleToServer.safeParse(message).success) sendText(client, pong());
      else sendText(client, unsupported);
    },
  };
}

function typeOf(message: unknown): string | undefined {
  const type = message !== null && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, part) => n + part.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
}
