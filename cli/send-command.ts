import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readCertificatePem } from '../electron/centre/pki/certificate-info';
import { uploadBundle } from '../electron/centre/sending/platform-upload';
import { checkSignedReceipt } from '../electron/centre/sending/receipt-check';
import { importReceiptText } from '../electron/centre/sending/receipt-import';
import { databaseFile, defaultDataDir } from '../electron/centre/storage/data-dir';
import { openDatabase } from '../electron/centre/storage/database';
import { CliError } from './read-json';

function readFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`${file} : lecture impossible du ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function readAuthority(file: string): string {
  const pem = readFile(file, 'certificat de l’autorité').toString('utf8');
  try {
    readCertificatePem(pem);
  } catch {
    throw new CliError(`${file} : certificat de l’autorité illisible (un certificat X.509 en PEM est attendu)`);
  }
  return pem;
}

/**
 * `passation send BUNDLE.zip --platform URL --ca authority.pem [--out receipt.json]` (issue 9 §2, no internet at
 * the centre): from any connected machine, uploads the exported bundle to the platform (HTTPS, trusting
 * authority.pem only), checks the receipt's signature against the authority, and writes the `SignedReceipt` as
 * received (default `recu-session-N.json`). Exit 0 with a receipt, 1 when refused or unreachable, 2 for usage.
 */
export async function sendCommand(file: string | undefined, options: { platform?: string; ca?: string; out?: string }, out: (line: string) => void): Promise<number> {
  if (!file || !options.platform || !options.ca) throw new CliError('usage : passation send LOT.zip --platform https://… --ca authority.pem [--out recu.json]', 2);
  if (!/^https:\/\//.test(options.platform)) throw new CliError(`--platform ${options.platform} : l’adresse de la plateforme doit commencer par https://`, 2);
  const zip = readFile(file, 'lot de résultats');
  const authority = readAuthority(options.ca);
  const sha256 = crypto.createHash('sha256').update(zip).digest('hex');
  out(`Envoi de ${file} (${zip.length} octets, SHA-256 ${sha256}) à ${options.platform}…`);
  const outcome = await uploadBundle(options.platform, authority, zip);
  if (outcome.kind === 'network') {
    out(`Plateforme injoignable (${outcome.code}) : ${outcome.message}. Réessayez plus tard.`);
    return 1;
  }
  if (outcome.kind === 'refused') {
    out(`Lot REFUSÉ par la plateforme (${outcome.status}, contrôle « ${outcome.check} ») : ${outcome.message}`);
    return 1;
  }
  const checked = checkSignedReceipt(outcome.body, authority, sha256, new Date());
  if (!checked.ok) {
    out(`Reçu REFUSÉ (${checked.error.code}) : ${checked.error.message}. Rien n’est écrit.`);
    return 1;
  }
  const receipt = checked.value.receipt;
  const target = path.resolve(options.out ?? `recu-session-${receipt.sessionNumber}.json`);
  fs.writeFileSync(target, `${JSON.stringify(outcome.body)}\n`);
  out(`${outcome.status === 200 ? 'Lot déjà reçu : voici le premier reçu.' : 'Lot reçu par la plateforme.'} Signature du reçu vérifiée (${checked.value.signerSubject}).`);
  for (const c of receipt.candidates) out(`  ${c.lastName} ${c.firstName} : ${c.status}, ${c.pix} pix, code ${c.verificationCode}`);
  out(`Reçu écrit dans ${target} : importez-le au poste avec « passation import-receipt ${receipt.sessionNumber} ${path.basename(target)} ».`);
  return 0;
}

/**
 * `passation import-receipt SESSION RECEIPT.json [--data-dir D]` — the receipt brought back on a USB key: its
 * signature is checked against the station's authority.pem, and it must be the receipt of this session's bundle;
 * then it is stored as if it had come over the network (the console serves it, the outbox shows `received`).
 */
export function importReceiptCommand(sessionArg: string | undefined, receiptFile: string | undefined, options: { dataDir?: string }, out: (line: string) => void): number {
  if (!sessionArg || !/^[1-9]\d{0,9}$/.test(sessionArg) || !receiptFile) {
    throw new CliError('usage : passation import-receipt NUMÉRO_DE_SESSION RECU.json [--data-dir D]', 2);
  }
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const dbFile = databaseFile(dataDir);
  if (!fs.existsSync(dbFile)) throw new CliError(`base introuvable : ${dbFile} (précisez --data-dir DOSSIER ou PASSATION_DATA_DIR)`);
  const authorityFile = path.join(dataDir, 'authority.pem');
  if (!fs.existsSync(authorityFile)) throw new CliError(`aucun certificat d’autorité de confiance : ${authorityFile} manque`);
  const authority = readAuthority(authorityFile);
  const text = readFile(receiptFile, 'reçu').toString('utf8');
  const sessionNumber = Number(sessionArg);
  const db = openDatabase(dbFile);
  try {
    const sessionId = db.prepare<[number], number>('SELECT id FROM sessions WHERE number = ?').pluck().get(sessionNumber);
    if (sessionId === undefined) throw new CliError(`session n° ${sessionNumber} introuvable dans ${dbFile}`);
    // The same checks as the console's « Importer le reçu » (sending/receipt-import.ts).
    const imported = importReceiptText(db, sessionId, text, authority, new Date());
    if (!imported.ok) {
      if (imported.error.code === 'sessionNotSigned') throw new CliError(`la session n° ${sessionNumber} n’est pas signée : aucun lot, donc aucun reçu à importer`);
      throw new CliError(`${receiptFile} : reçu refusé (${imported.error.code}) : ${imported.error.message}`);
    }
    if (!imported.value.stored) {
      out(`La session n° ${sessionNumber} a déjà son reçu : il est gardé tel quel.`);
      return 0;
    }
    out(`Reçu de la session n° ${sessionNumber} importé : signature vérifiée (${imported.value.checked.signerSubject}), ${imported.value.checked.receipt.candidates.length} candidat(s).`);
    return 0;
  } finally {
    db.close();
  }
}
