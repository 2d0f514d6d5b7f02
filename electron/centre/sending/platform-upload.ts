import https from 'node:https';
import { PLATFORM_ROUTES, PlatformRefusal } from '../../../shared/formats/platform-api';

/** What one upload attempt gave. `network`: retry later; `refused`: the platform named a failed check (4xx). */
export type UploadOutcome =
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'refused'; status: number; check: string; message: string }
  | { kind: 'network'; code: string; message: string };

export interface UploadOptions {
  /** Milliseconds without any progress before the attempt is abandoned. */
  timeoutMs?: number;
  /** Called as the body's bytes are written (progress for the console). */
  progress?: (sentBytes: number, totalBytes: number) => void;
}

const CHUNK = 64 * 1024;

/**
 * `POST /api/bundles` (docs/platform-api.md) over HTTPS, trusting the authority's certificate only (`ca`, no
 * system roots). Never throws: every failure is an outcome.
 */
export function uploadBundle(platformUrl: string, authorityPem: string, zip: Buffer, options: UploadOptions = {}): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: UploadOutcome) => { if (!settled) { settled = true; resolve(outcome); } };
    let url: URL;
    try {
      url = new URL(PLATFORM_ROUTES.uploadBundle, platformUrl);
    } catch {
      return done({ kind: 'network', code: 'badUrl', message: `adresse de la plateforme invalide : ${platformUrl}` });
    }
    const request = https.request(url, {
      method: 'POST', ca: authorityPem, timeout: options.timeoutMs ?? 60_000,
      headers: { 'content-type': 'application/zip', 'content-length': String(zip.length) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('error', (e: NodeJS.ErrnoException) => done({ kind: 'network', code: e.code ?? 'responseError', message: e.message }));
      response.on('aborted', () => done({ kind: 'network', code: 'ECONNRESET', message: 'la réponse de la plateforme a été coupée' }));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try { body = JSON.parse(text); } catch { /* not JSON: said below */ }
        if (status === 200 || status === 201) return done({ kind: 'answered', status, body });
        const refusal = PlatformRefusal.safeParse(body);
        if (status >= 400 && status < 500 && refusal.success) {
          return done({ kind: 'refused', status, check: refusal.data.error.check, message: refusal.data.error.message });
        }
        // 5xx, 429 without a named check, a proxy's page: the platform may answer later.
        done({ kind: 'network', code: `http${status}`, message: `la plateforme a répondu ${status}${refusal.success ? ` : ${refusal.data.error.message}` : ''}` });
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('délai dépassé sans réponse de la plateforme'), { code: 'ETIMEDOUT' })));
    request.on('error', (e: NodeJS.ErrnoException) => done({ kind: 'network', code: e.code ?? 'requestError', message: e.message }));
    // The body in chunks, so that progress can be reported.
    let offset = 0;
    const writeMore = () => {
      while (offset < zip.length) {
        const end = Math.min(zip.length, offset + CHUNK);
        const more = request.write(zip.subarray(offset, end));
        offset = end;
        options.progress?.(offset, zip.length);
        if (!more) return void request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}
