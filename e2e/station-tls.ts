import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The test-only station certificate of every e2e test (fixtures/README.md). */
export const TEST_STATION_TLS = {
  certPem: fs.readFileSync(path.join(__dirname, 'fixtures', 'test-only-station-cert.pem'), 'utf8'),
  keyPem: fs.readFileSync(path.join(__dirname, 'fixtures', 'test-only-station-key.pem'), 'utf8'),
};

/**
 * Base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's `--ignore-certificate-errors-spki-list`
 * takes, the same pinning of the station's key that the kiosk shell does (stack.md).
 */
export function spkiSha256Base64(certPem: string): string {
  const spki = new crypto.X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}
