import fs from 'node:fs';
import path from 'node:path';
import { auditSession } from '../electron/centre/audit/format-chain';
import { createDemoPki } from '../electron/centre/pki/demo-pki';
import { backupDatabase } from '../electron/centre/storage/backup';
import { databaseFile, defaultDataDir } from '../electron/centre/storage/data-dir';
import { openDatabase } from '../electron/centre/storage/database';
import { CONTENT_FILE, PROFILES_FILE } from '../fixtures/paths';
import { CliError } from './read-json';

/** `passation demo-pki DIR` — a demo authority and centre, and the demo packages signed by the authority. */
export function demoPkiCommand(dir: string | undefined, out: (line: string) => void): void {
  if (!dir) throw new CliError('usage : passation demo-pki DOSSIER', 2);
  const files = createDemoPki(path.resolve(dir), { contentFile: CONTENT_FILE, profileFile: PROFILES_FILE });
  out(`PKI de démonstration écrite dans ${path.resolve(dir)} (clés de DÉMONSTRATION, jamais pour une vraie session) :`);
  for (const [what, file] of Object.entries(files) as [keyof typeof files, string | undefined][]) {
    if (file) out(`  ${DEMO_PKI_LABELS[what].padEnd(44)} ${path.basename(file)}`);
  }
  out('Vérifier une signature avec un outil indépendant :');
  out(`  openssl cms -verify -binary -inform DER -content ${files.contentPackage} -in ${files.contentSignature} -CAfile ${files.authority} -out /dev/null`);
}

const DEMO_PKI_LABELS: Record<keyof ReturnType<typeof createDemoPki>, string> = {
  authority: 'certificat de l’autorité (ancre de confiance)',
  authorityKey: 'clé de l’autorité (démonstration)',
  packageSigner: 'certificat de signature des paquets',
  packageSignerKey: 'clé de signature des paquets (démonstration)',
  centreCertificate: 'certificat du centre',
  centrePkcs12: 'certificat et clé du centre (PKCS#12)',
  centrePkcs12Password: 'mot de passe du PKCS#12 (démonstration)',
  contentPackage: 'paquet de contenu',
  contentSignature: 'signature du paquet de contenu',
  profilePackage: 'paquet de profils',
  profileSignature: 'signature du paquet de profils',
};

function databaseOf(dbOption: string | undefined): string {
  const file = dbOption ? path.resolve(dbOption) : databaseFile(defaultDataDir());
  if (!fs.existsSync(file)) throw new CliError(`base introuvable : ${file} (précisez --db FICHIER ou PASSATION_DATA_DIR)`);
  return file;
}

/** `passation backup OUT [--db FILE]` — a consistent copy of a live database through SQLite's backup API. */
export async function backupCommand(outFile: string | undefined, dbOption: string | undefined, out: (line: string) => void): Promise<void> {
  if (!outFile) throw new CliError('usage : passation backup FICHIER_DE_SORTIE [--db centre.sqlite]', 2);
  const db = openDatabase(databaseOf(dbOption));
  try {
    const result = await backupDatabase(db, path.resolve(outFile));
    if (!result.ok) throw new CliError(result.message);
    out(`Sauvegarde écrite : ${result.file} (${result.pages} pages).`);
  } finally {
    db.close();
  }
}

/** `passation audit SESSION [--db FILE]` — prints a session's hash-chained events and verifies the chain. Exit 1 if broken. */
export function auditCommand(sessionArg: string | undefined, dbOption: string | undefined, out: (line: string) => void): number {
  if (!sessionArg || !/^\d+$/.test(sessionArg)) throw new CliError('usage : passation audit NUMÉRO_DE_SESSION [--db centre.sqlite]', 2);
  const db = openDatabase(databaseOf(dbOption));
  try {
    const report = auditSession(db, Number(sessionArg));
    for (const line of report.lines) out(line);
    return report.exitCode;
  } finally {
    db.close();
  }
}
