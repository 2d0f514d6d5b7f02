/**
 * Issue 10 §1 — exporting the signed bundle for a computer with internet (docs/delivery-api.md, « Sans
 * internet »): the file's name (the one the station's `GET …/bundle` and `passation export` give) and the command
 * to type there. Pure.
 */
export function bundleFileName(sessionNumber: number): string {
  return `resultats-session-${sessionNumber}.zip`;
}

export const RECEIPT_FILE = 'recu.json';

/** `passation send resultats-session-12.zip --platform URL --ca authority.pem --out recu.json` */
export function sendCommand(sessionNumber: number, platformUrl: string): string {
  return `passation send ${bundleFileName(sessionNumber)} --platform ${platformUrl} --ca authority.pem --out ${RECEIPT_FILE}`;
}
