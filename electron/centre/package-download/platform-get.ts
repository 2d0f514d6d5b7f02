import https from 'node:https';
import { PlatformRefusal } from '../../../shared/formats/platform-api';

/** What one GET to the platform gave: its JSON answer, a refusal it named, or no usable answer at all. */
export type PlatformGet =
  | { kind: 'answered'; body: unknown }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'network'; message: string };

/** A package with its assets is a few megabytes, base64 in JSON; more than this is not a package. */
export const MAX_PLATFORM_ANSWER_BYTES = 96 * 1024 * 1024;

/**
 * `GET platformUrl + path` over HTTPS, trusting the authority's certificate only (`ca`, no system roots), as the
 * outbox does (sending/platform-upload.ts). Never throws: every failure is a value, worded in French.
 */
export function getFromPlatform(platformUrl: string, path: string, authorityPem: string, timeoutMs = 30_000): Promise<PlatformGet> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: PlatformGet) => { if (!settled) { settled = true; resolve(outcome); } };
    let url: URL;
    try {
      url = new URL(path, `${platformUrl.replace(/\/+$/, '')}/`);
    } catch {
      return done({ kind: 'network', message: `adresse de la plateforme invalide : ${platformUrl}` });
    }
    const request = https.get(url, { ca: authorityPem, timeout: timeoutMs, headers: { accept: 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_PLATFORM_ANSWER_BYTES) {
          request.destroy();
          return done({ kind: 'network', message: `réponse de la plateforme trop volumineuse (plus de ${MAX_PLATFORM_ANSWER_BYTES} octets)` });
        }
        chunks.push(c);
      });
      response.on('error', (e) => done({ kind: 'network', message: `réponse de la plateforme coupée : ${e.message}` }));
      response.on('aborted', () => done({ kind: 'network', message: 'la réponse de la plateforme a été coupée' }));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        let body: unknown = null;
        try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* said below */ }
        if (status === 200) {
          return body === null ? done({ kind: 'network', message: 'la plateforme a répondu autre chose que du JSON' }) : done({ kind: 'answered', body });
        }
        const refusal = PlatformRefusal.safeParse(body);
        done(refusal.success
          ? { kind: 'refused', status, message: refusal.data.error.message }
          : { kind: 'network', message: `la plateforme a répondu ${status}` });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`pas de réponse de la plateforme en ${Math.round(timeoutMs / 1000)} s`)));
    request.on('error', (e: NodeJS.ErrnoException) => done({ kind: 'network', message: `plateforme injoignable (${e.code ?? 'erreur'}) : ${e.message}` }));
  });
}
