import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseKioskBuilds } from './auth/attestation-verdict';
import type { KioskAttestationPolicy } from './auth/kiosk-attestation';
import { createPairingCode } from './auth/kiosk-registry';
import { deliveryInUse } from './records/in-use';
import { screensPlugin } from './screens/screens-plugin';
import { createPackageStore, type PackageStore } from './packages/package-store';
import { createDemoPki } from './pki/demo-pki';
import { importRoster } from './roster/roster-import';
import { AUTHORITY_CERTIFICATE_FILE, createCentreServer, type CentreServer } from './centre-server';
import { importSignedPackage } from './server/package-upload';
import { createSessionStore, type SessionStore } from './sessions/session-store';
import type { CentreKeyStore } from './signing/centre-key-store';
import { databaseFile } from './storage/data-dir';
import { openDatabase, type Db } from './storage/database';

export interface StationOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Prepare a demo session from fixtures/ (demo PKI, signed packages, roster) when none exists. */
  demo?: { contentFile: string; profileFile: string; rosterFile: string };
  managerPassword?: string;
  /**
   * The kiosk shell's attestation (issue 8 §5): enforced unless the station runs the demo (`demo` given), where
   * kiosks are ordinary browsers showing the demo banner. `'demo'` here turns it off without a demo session
   * (the load benchmarks, whose simulated kiosks have no shell).
   */
  kioskAttestation?: 'enforced' | 'demo';
  /**
   * Where the centre's signing key is kept (architecture §2): the station shell passes its `safeStorage` store
   * (electron/station/safe-storage-key-store.ts); default, headless: the passphrase-encrypted file of the data folder.
   */
  centreKeys?: CentreKeyStore;
}

/**
 * The station's V8 limits (electron/station/README.md « Memory », docs/benchmarks.md): package.json's `start` and
 * `station` give them to Node; the station shell's launcher and its own relaunch give them to Electron's main process.
 */
export const STATION_V8_FLAGS = '--max-old-space-size=192 --max-semi-space-size=8';

/** In the data folder: the accepted kiosk builds, one SHA-256 a line (`npm run build:kiosk-shell` prints it). */
export const KIOSK_BUILDS_FILE = 'kiosk-builds.txt';

/** The station's attestation policy: its mode, and the builds listed in DATA/kiosk-builds.txt (none when absent). */
export function stationAttestationPolicy(dataDir: string, mode: 'enforced' | 'demo'): KioskAttestationPolicy {
  if (mode === 'demo') return { mode: 'demo' };
  const file = path.join(dataDir, KIOSK_BUILDS_FILE);
  if (!fs.existsSync(file)) return { mode: 'enforced', acceptedBuildHashes: [] };
  const parsed = parseKioskBuilds(fs.readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.error);
  return { mode: 'enforced', acceptedBuildHashes: parsed.value };
}

export interface DemoSession {
  sessionNumber: number;
  accessCode: string;
  /** Shown only when the session was created by this start. */
  invigilatorPassword: string | null;
  candidates: number;
}

export interface RunningStation {
  server: CentreServer;
  db: Db;
  demo: DemoSession | null;
  /** Whether kiosks must attest (issue 8 §5): printed at start. */
  kioskAttestation: KioskAttestationPolicy;
  pairingCode: { code: string; expiresAt: string };
  close(): Promise<void>;
}

/**
 * Starts the centre server the way the station shell does, without Electron (architecture §1): one SQLite file in
 * the data folder, the delivery routes, and optionally a demo session ready for kiosks.
 */
export async function startStation(options: StationOptions): Promise<RunningStation> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  // Read first: a bad kiosk-builds.txt stops the start before anything is opened.
  const kioskAttestation = stationAttestationPolicy(options.dataDir, options.kioskAttestation ?? (options.demo ? 'demo' : 'enforced'));
  const db = openDatabase(databaseFile(options.dataDir));
  const sessions = createSessionStore(db, deliveryInUse(db));
  const demo = options.demo ? await prepareDemo(db, sessions, options.dataDir, options.demo) : null;
  const server = await createCentreServer({
    db,
    dataDir: options.dataDir,
    host: options.host,
    port: options.port,
    config: {
      plugins: [screensPlugin()], sessions, kioskAttestation,
      ...(options.managerPassword ? { managerPassword: options.managerPassword } : {}),
      ...(options.centreKeys ? { centreKeys: options.centreKeys } : {}),
    },
  });
  const pairingCode = createPairingCode(db, 'station', new Date());
  return {
    server,
    db,
    demo,
    kioskAttestation,
    pairingCode,
    async close() {
      await server.close();
      db.close();
    },
  };
}

/** Demo PKI, the trusted authority, the signed demo packages, a session for today with the demo roster. Idempotent. */
async function prepareDemo(db: Db, sessions: SessionStore, dataDir: string, files: NonNullable<StationOptions['demo']>): Promise<DemoSession> {
  const existing = sessions.listSessions().find((s) => s.centre === DEMO_CENTRE && s.status === 'created');
  if (existing) {
    // A demo is re-run by people who did not keep the first password: the demo session gets a fresh one each start.
    const reset = sessions.resetInvigilatorPassword(existing.id);
    return { sessionNumber: existing.number, accessCode: existing.accessCode, invigilatorPassword: reset.ok ? reset.value : null, candidates: sessions.listCandidates(existing.id).length };
  }
  const pkiDir = path.join(dataDir, 'demo-pki');
  if (!fs.existsSync(path.join(pkiDir, 'authority.pem'))) createDemoPki(pkiDir, { contentFile: files.contentFile, profileFile: files.profileFile });
  const authorityPem = fs.readFileSync(path.join(pkiDir, 'authority.pem'), 'utf8');
  const trusted = path.join(dataDir, AUTHORITY_CERTIFICATE_FILE);
  if (!fs.existsSync(trusted)) fs.writeFileSync(trusted, authorityPem);

  const packages = createPackageStore(db);
  const rowIds = importDemoPackages(packages, pkiDir, authorityPem);

  const now = new Date();
  const created = sessions.createSession({
    centre: DEMO_CENTRE,
    siteAddress: '12 rue de l’Exemple, 69001 Lyon',
    room: `Salle info ${now.toISOString().slice(11, 16).replace(':', 'h')}`,
    date: now.toISOString().slice(0, 10),
    startTime: now.toISOString().slice(11, 16),
    invigilatorName: 'Surveillant de démonstration',
    description: 'Session de démonstration (contenu et profils fictifs de fixtures/).',
  });
  if (!created.ok) throw new Error(created.error.message);
  const session = created.value.session;
  for (const rowId of rowIds) {
    const used = packages.useInSession(session.id, rowId);
    if (!used.ok) throw new Error(used.error.message);
  }
  const roster = await importRoster(sessions, session.id, fs.readFileSync(files.rosterFile), path.basename(files.rosterFile));
  if (!roster.ok) throw new Error(roster.errors.map((e) => `ligne ${e.line}, ${e.column} : ${e.message}`).join('\n'));
  return { sessionNumber: session.number, accessCode: session.accessCode, invigilatorPassword: created.value.invigilatorPassword, candidates: roster.candidates.length };
}

const DEMO_CENTRE = 'Centre de démonstration';

/**
 * Imports the two packages a demo PKI folder holds (`createDemoPki`), through the same signature check as an
 * upload; returns their row ids (content, then profiles). Throws on a refusal: demo files are made here.
 */
export function importDemoPackages(packages: PackageStore, pkiDir: string, authorityPem: string): number[] {
  return ['content-package.json', 'profile-package.json'].map((name) => {
    const imported = importSignedPackage(packages, {
      body: fs.readFileSync(path.join(pkiDir, name)),
      signature: fs.readFileSync(path.join(pkiDir, `${name}.p7s`)),
      authorityPem,
      at: new Date(),
    });
    if (!imported.ok) throw new Error(`${name} refusé : ${imported.reason}`);
    return imported.package.id;
  });
}

/** In a demo data folder: the manager's password, made once and kept (the demo is re-run by people who lost it). */
export const DEMO_MANAGER_PASSWORD_FILE = 'demo-manager-password.txt';

/** The demo manager's password of `dataDir`, made on first use (owner-only file). */
export function demoManagerPassword(dataDir: string): string {
  const file = path.join(dataDir, DEMO_MANAGER_PASSWORD_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, `demo-${randomBytes(6).toString('base64url')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * What a started station tells the person who started it (`passation station`, `npm start`, the station shell on
 * stdout): the console and kiosk addresses, the certificate's fingerprint, a pairing code, the attestation, and
 * the demo session's or the first start's passwords.
 */
export function stationSummary(station: RunningStation, dataDir: string, demoManager?: string): string[] {
  const { server, demo, pairingCode } = station;
  const lines = [
    `Passation — poste du surveillant, données dans ${dataDir}`,
    `  Console du surveillant :  ${server.consoleUrl}`,
    `  Adresse des bornes :      ${server.kioskUrl}`,
  ];
  if (server.certificateFingerprint) lines.push(`  Empreinte du certificat : ${server.certificateFingerprint}`);
  lines.push(`  Code d’appairage :        ${pairingCode.code} (une borne, valable jusqu’à ${new Date(pairingCode.expiresAt).toLocaleTimeString('fr-FR')})`);
  lines.push(station.kioskAttestation.mode === 'demo'
    ? '  Attestation des bornes :  non vérifiée (mode démonstration : un navigateur ordinaire peut servir de borne)'
    : `  Attestation des bornes :  exigée (${station.kioskAttestation.acceptedBuildHashes.length} version(s) listée(s) dans ${path.join(dataDir, KIOSK_BUILDS_FILE)}, plus celle de chaque borne à son appairage)`);
  if (demo) {
    lines.push(`  Session de démonstration n° ${demo.sessionNumber} — ${demo.candidates} candidats — code d’accès ${demo.accessCode}`);
    if (demo.invigilatorPassword) lines.push(`  Mot de passe surveillant : ${demo.invigilatorPassword}`);
    if (demoManager !== undefined) lines.push(`  Responsable du centre :   mot de passe ${demoManager} (dans ${path.join(dataDir, DEMO_MANAGER_PASSWORD_FILE)})`);
  } else if (server.initialManagerPassword) {
    lines.push(`  Responsable du centre :   mot de passe ${server.initialManagerPassword} (affiché une seule fois : notez-le)`);
  }
  return lines;
}
