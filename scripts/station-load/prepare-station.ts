/**
 * Prepares a station's data folder for the load tools through the real paths: a demo PKI signs the fixture
 * content package and a synthetic profile package, both are imported and verified like an upload
 * (`importSignedPackage`), then `sessions` sessions are created, each with the same N pupils imported from a
 * roster CSV (`importRoster`). A kiosk sits slot i of session 1, then slot i of session 2, and so on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ContentPackage } from '../../shared/formats/content-package';
import { ProfilePackage } from '../../shared/formats/profile-package';
import { CONTENT_FILE, PROFILES_FILE } from '../../fixtures/paths';
import { deliveryInUse } from '../../electron/centre/records/in-use';
import { createPackageStore } from '../../electron/centre/packages/package-store';
import { createDemoPki } from '../../electron/centre/pki/demo-pki';
import { importRoster } from '../../electron/centre/roster/roster-import';
import { AUTHORITY_CERTIFICATE_FILE } from '../../electron/centre/centre-server';
import { importDemoPackages } from '../../electron/centre/station-runner';
import { createSessionStore } from '../../electron/centre/sessions/session-store';
import { databaseFile } from '../../electron/centre/storage/data-dir';
import { openDatabase } from '../../electron/centre/storage/database';
import { certifiableModels, rosterCsv, syntheticProfilePackage, syntheticProfiles } from './synthetic-roster';

export interface PreparedCandidate { candidateId: number; lastName: string; firstName: string; birthDate: string }

export interface PreparedSession {
  sessionId: number;
  sessionNumber: number;
  accessCode: string;
  invigilatorPassword: string;
  /** By slot: candidates[i] is the pupil kiosk i sits in this session. */
  candidates: PreparedCandidate[];
}

/** Where the prepared sessions (with their invigilator passwords) are written, inside the data folder. */
export const PREPARED_FILE = 'station-load-sessions.json';

export async function prepareStation(dataDir: string, options: { pupils: number; sessions: number }): Promise<PreparedSession[]> {
  fs.mkdirSync(dataDir, { recursive: true });
  const content = ContentPackage.parse(JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')));
  const fixtureProfiles = ProfilePackage.parse(JSON.parse(fs.readFileSync(PROFILES_FILE, 'utf8')));
  const pupils = syntheticProfiles(certifiableModels(fixtureProfiles.profiles), options.pupils);
  const profileFile = path.join(dataDir, 'station-load-profiles.json');
  fs.writeFileSync(profileFile, JSON.stringify(syntheticProfilePackage(pupils, content.id)));

  const pkiDir = path.join(dataDir, 'demo-pki');
  createDemoPki(pkiDir, { contentFile: CONTENT_FILE, profileFile });
  const authorityPem = fs.readFileSync(path.join(pkiDir, 'authority.pem'), 'utf8');
  fs.writeFileSync(path.join(dataDir, AUTHORITY_CERTIFICATE_FILE), authorityPem);

  const db = openDatabase(databaseFile(dataDir));
  try {
    const sessions = createSessionStore(db, deliveryInUse(db));
    const packages = createPackageStore(db);
    const packageIds = importDemoPackages(packages, pkiDir, authorityPem);

    const roster = rosterCsv(pupils);
    const today = new Date().toISOString().slice(0, 10);
    const prepared: PreparedSession[] = [];
    for (let k = 0; k < options.sessions; k++) {
      const created = sessions.createSession({
        centre: 'Centre de charge',
        siteAddress: '1 rue du Banc d’essai, 69001 Lyon',
        room: `Salle ${k + 1}`,
        date: today,
        startTime: '08:00',
        invigilatorName: 'Surveillant simulé',
      });
      if (!created.ok) throw new Error(created.error.message);
      const { session, invigilatorPassword } = created.value;
      for (const id of packageIds) {
        const used = packages.useInSession(session.id, id);
        if (!used.ok) throw new Error(used.error.message);
      }
      const imported = await importRoster(sessions, session.id, roster, 'classe.csv');
      if (!imported.ok) throw new Error(imported.errors.map((e) => `ligne ${e.line}, ${e.column} : ${e.message}`).join('\n'));
      const byPupil = new Map(imported.candidates.map((c) => [c.externalId, c]));
      prepared.push({
        sessionId: session.id,
        sessionNumber: session.number,
        accessCode: session.accessCode,
        invigilatorPassword,
        candidates: pupils.map((p) => {
          const c = byPupil.get(p.pupilId)!;
          return { candidateId: c.id, lastName: c.lastName, firstName: c.firstName, birthDate: c.birthDate };
        }),
      });
    }
    fs.writeFileSync(path.join(dataDir, PREPARED_FILE), JSON.stringify(prepared));
    return prepared;
  } finally {
    db.close();
  }
}
