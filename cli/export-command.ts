import fs from 'node:fs';
import path from 'node:path';
import { OPENSSL_VERIFY_COMMAND } from '../electron/centre/signing/bundle-readme';
import { readBundle } from '../electron/centre/signing/read-bundle';
import { bundleFileName } from '../electron/centre/signing/results-bundle';
import { storedBundle } from '../electron/centre/signing/sign-session';
import { databaseFile, defaultDataDir } from '../electron/centre/storage/data-dir';
import { openDatabase } from '../electron/centre/storage/database';
import { CliError } from './read-json';

const AUTHORITY_FILE = 'authority.pem';

/**
 * `passation export SESSION --out DIR [--data-dir D]` — the signed bundle of a session (by its number), exactly the
 * stored bytes: `DIR/resultats-session-N.zip`, and its files unpacked in `DIR/resultats-session-N/` beside a copy
 * of the station's `authority.pem`, ready for `openssl cms -verify`.
 */
export async function exportCommand(sessionArg: string | undefined, options: { out?: string; dataDir?: string }, out: (line: string) => void): Promise<void> {
  if (!sessionArg || !/^[1-9]\d{0,9}$/.test(sessionArg) || !options.out) {
    throw new CliError('usage : passation export NUMÉRO_DE_SESSION --out DOSSIER [--data-dir D]', 2);
  }
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const file = databaseFile(dataDir);
  if (!fs.existsSync(file)) throw new CliError(`base introuvable : ${file} (précisez --data-dir DOSSIER ou PASSATION_DATA_DIR)`);
  const sessionNumber = Number(sessionArg);
  const db = openDatabase(file);
  let bundle: Buffer;
  try {
    const sessionId = db.prepare<[number], number>('SELECT id FROM sessions WHERE number = ?').pluck().get(sessionNumber);
    if (sessionId === undefined) throw new CliError(`session n° ${sessionNumber} introuvable dans ${file}`);
    const stored = storedBundle(db, sessionId);
    if (stored === null) throw new CliError(`la session n° ${sessionNumber} n’est pas signée : finalisez-la et signez-la depuis la console avant de l’exporter`);
    bundle = stored.bytes;
  } finally {
    db.close();
  }

  const outDir = path.resolve(options.out);
  const zipFile = path.join(outDir, bundleFileName(sessionNumber));
  const unpacked = zipFile.replace(/\.zip$/, '');
  const files = await readBundle(bundle);
  if (!files.ok) throw new CliError(`lot de résultats stocké illisible : ${files.reason}`);
  fs.mkdirSync(unpacked, { recursive: true });
  fs.writeFileSync(zipFile, bundle);
  for (const f of files.files) fs.writeFileSync(path.join(unpacked, f.name), f.bytes);
  out(`Lot de résultats de la session n° ${sessionNumber} : ${zipFile}`);
  out(`Fichiers extraits dans ${unpacked} : ${files.files.map((f) => f.name).join(', ')}`);
  const authority = path.join(dataDir, AUTHORITY_FILE);
  if (fs.existsSync(authority)) {
    fs.copyFileSync(authority, path.join(unpacked, AUTHORITY_FILE));
    out(`${AUTHORITY_FILE} : copie de l’autorité de confiance de ce poste (un auditeur prend la sienne auprès de l’autorité).`);
  }
  out('Vérifier la signature :');
  out(`  cd ${unpacked} && ${OPENSSL_VERIFY_COMMAND}`);
}
