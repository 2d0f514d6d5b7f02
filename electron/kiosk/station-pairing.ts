import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { err, ok, type Result } from '../../shared/result';
import { formatFingerprint, normaliseFingerprint } from './certificate-pinning';
import type { StationAddress } from './pairing';

/**
 * Issue 8 §6 — the pairing page's effects, in Node (no Electron): read the station's certificate, post the code
 * over a connection pinned to that certificate, write the config and the token atomically. Tested against a
 * real centre server (pairing-flow.test.ts).
 */
export const PAIRING_TIMEOUT_MS = 8_000;

/** Opens a TLS connection to the station; the certificate is read, never trusted by the system's CAs. */
function connect(station: StationAddress, timeoutMs: number): Promise<Result<tls.TLSSocket, string>> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: station.hostname.replace(/^\[(.*)\]$/, '$1'), port: station.port, rejectUnauthorized: false,
      ...(net.isIP(station.hostname.replace(/^\[(.*)\]$/, '$1')) === 0 ? { servername: station.hostname } : {}),
    });
    const timer = setTimeout(() => { socket.destroy(); resolve(err(`la station ${station.origin} ne répond pas (${timeoutMs / 1000} s)`)); }, timeoutMs);
    socket.once('secureConnect', () => { clearTimeout(timer); resolve(ok(socket)); });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err(`station ${station.origin} injoignable (${e.code ?? e.message}) : vérifiez l’adresse et le réseau`));
    });
  });
}

function fingerprintOfSocket(socket: tls.TLSSocket): string | null {
  const certificate = socket.getPeerX509Certificate();
  return certificate ? formatFingerprint(certificate.fingerprint256.replaceAll(':', '').toLowerCase()) : null;
}

/** The SHA-256 of the station's certificate (`AB:CD:…`), to show beside the console's. */
export async function readStationFingerprint(station: StationAddress, timeoutMs = PAIRING_TIMEOUT_MS): Promise<Result<string, string>> {
  const connected = await connect(station, timeoutMs);
  if (!connected.ok) return connected;
  const fingerprint = fingerprintOfSocket(connected.value);
  connected.value.destroy();
  return fingerprint === null ? err('la station n’a présenté aucun certificat') : ok(fingerprint);
}

/**
 * `POST /api/kiosk/pair` over a connection whose certificate is the pinned one, checked before a byte of the
 * code is sent. The answer's status and JSON body (null when not JSON).
 */
export async function postPairing(station: StationAddress, pinnedFingerprint: string, body: unknown, timeoutMs = PAIRING_TIMEOUT_MS): Promise<Result<{ status: number; body: unknown }, string>> {
  const connected = await connect(station, timeoutMs);
  if (!connected.ok) return connected;
  const socket = connected.value;
  const presented = fingerprintOfSocket(socket);
  if (presented === null || normaliseFingerprint(presented) !== normaliseFingerprint(pinnedFingerprint)) {
    socket.destroy();
    return err(`le certificat de la station a changé depuis son affichage (SHA-256 ${presented ?? 'aucun'}) : appairage abandonné`);
  }
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    const request = https.request(new URL('/api/kiosk/pair', station.origin), {
      method: 'POST', createConnection: () => socket, timeout: timeoutMs,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        socket.destroy();
        let json: unknown = null;
        try { json = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { json = null; }
        resolve(ok({ status: response.statusCode ?? 0, body: json }));
      });
    });
    request.on('timeout', () => request.destroy(new Error('délai dépassé')));
    request.on('error', (e) => { socket.destroy(); resolve(err(`appairage interrompu : ${e.message}`)); });
    request.end(text);
  });
}

/**
 * Writes `text` to `file` atomically: a temporary file beside it (same folder, so the rename cannot cross disks),
 * flushed, then renamed over the target, then the folder flushed. A crash leaves the old file or the new, never half.
 */
export function writeFileAtomic(file: string, text: string, mode: number): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'wx', mode);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temporary, file);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw e;
  }
  if (process.platform !== 'win32') {
    const dirFd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
  }
}
