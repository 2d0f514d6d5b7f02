import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CandidateInput, SessionInput } from '../../../shared/formats/session';
import { openDatabase } from '../storage/database';
import { tempDatabase } from '../storage/temp-database';
import { createSessionStore, type SessionStore } from './session-store';

const session: SessionInput = { centre: 'Collège Jean Moulin', siteAddress: '3 rue des Écoles, Lyon', room: 'B12', date: '2026-06-15', startTime: '09:00', invigilatorName: 'Mme Rivière' };
const zoe: CandidateInput = { lastName: 'Lefèvre-Dupont', firstName: 'Zoé', sex: 'F', birthDate: '2010-03-14', birthplace: { kind: 'insee', code: '69123' } };
const leo: CandidateInput = { lastName: 'Martin', firstName: 'Léo', sex: 'M', birthDate: '2010-01-02', birthplace: { kind: 'postal', postalCode: '01000', city: 'Bourg-en-Bresse' }, externalId: '070803070AJ', extraTimePercent: 33.5, accessibilityAdjustment: true };

let temp: ReturnType<typeof tempDatabase>;
let store: SessionStore;
beforeEach(() => {
  temp = tempDatabase();
  // A fixed draw: access code BBBB22, password 22222222.
  store = createSessionStore(temp.db, { random: () => 0, now: () => new Date('2026-05-01T08:00:00Z') });
});
afterEach(() => temp.remove());

function created(input: SessionInput = session) {
  const result = store.createSession(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('migrations', () => {
  it('001-sessions is applied once and recorded', () => {
    const recorded = temp.db.prepare('SELECT version, name FROM schema_migrations WHERE version = 1').all();
    expect(recorded).toEqual([{ version: 1, name: '001-sessions.sql' }]);
    temp.db.close();
    const again = openDatabase(temp.file);
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations WHERE version = 1').pluck().get()).toBe(1);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });
});

describe('sessions', () => {
  it('R-SESS-1, R-SESS-2: created with number 1, the drawn access code and a password shown once', () => {
    const { session: s, invigilatorPassword } = created();
    expect(s).toMatchObject({ number: 1, accessCode: 'BBBB22', status: 'created', maxLevel: 5, locale: 'fr', createdAt: '2026-05-01T08:00:00.000Z' });
    expect(invigilatorPassword).toBe('22222222');
    const stored = temp.db.prepare('SELECT invigilator_password_hash FROM sessions').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('22222222');
  });

  it('R-SESS-1: the same site, room, date and time is refused, even typed differently', () => {
    created();
    const again = store.createSession({ ...session, siteAddress: '3 Rue des ecoles Lyon', room: 'b-12', centre: 'Autre' });
    expect(again).toEqual({ ok: false, error: { code: 'duplicateSession', message: 'La session n° 1 a déjà lieu à cette adresse, dans la salle « b-12 », le 15/06/2026 à 09:00.' } });
    expect(store.createSession({ ...session, startTime: '13:30' }).ok).toBe(true);
  });

  it('R-SESS-1: editing into an occupied slot is refused; editing itself is fine', () => {
    const first = created().session;
    const second = created({ ...session, room: 'B13' }).session;
    const moved = store.updateSession(second.id, session);
    expect(moved.ok ? null : moved.error.code).toBe('duplicateSession');
    const renamed = store.updateSession(first.id, { ...session, description: 'Troisièmes' });
    expect(renamed.ok && renamed.value.description).toBe('Troisièmes');
  });

  it('R-SESS-1: numbers go up and a deleted session’s number is not given again', () => {
    created();
    const second = created({ ...session, room: 'B13' }).session;
    expect(store.deleteSession(second.id)).toEqual({ ok: true, value: null });
    expect(created({ ...session, room: 'B14' }).session.number).toBe(3);
    expect(store.listSessions().map((s) => s.number)).toEqual([1, 3]);
  });

  it('R-SESS-1: an invalid session is a value naming the field, not an exception', () => {
    const result = store.createSession({ ...session, startTime: '9h' });
    expect(result.ok ? [] : result.error.errors?.map((e) => e.field)).toEqual(['startTime']);
  });

  it('R-SESS-1: invigilator password checked case-insensitively; wrong password and unknown session say no', () => {
    const { session: s, invigilatorPassword } = created();
    expect(store.verifyInvigilatorPassword(s.id, invigilatorPassword)).toBe(true);
    expect(store.verifyInvigilatorPassword(s.id, ` ${invigilatorPassword.toLowerCase()} `)).toBe(true);
    expect(store.verifyInvigilatorPassword(s.id, '22222223')).toBe(false);
    expect(store.verifyInvigilatorPassword(999, invigilatorPassword)).toBe(false);
    const reset = store.resetInvigilatorPassword(s.id);
    expect(reset.ok).toBe(true);
    expect(store.verifyInvigilatorPassword(s.id, reset.ok ? reset.value : '')).toBe(true);
  });

  it('R-SESS-1: status only moves forward, and a finalised session can no longer be edited or deleted', () => {
    const { session: s } = created();
    expect(store.setSessionStatus(s.id, 'finalised').ok).toBe(true);
    expect(store.setSessionStatus(s.id, 'created').ok).toBe(false);
    for (const result of [store.updateSession(s.id, session), store.deleteSession(s.id), store.addCandidate(s.id, zoe)]) {
      expect(result.ok ? null : result.error.code).toBe('sessionLocked');
    }
  });

  it('a session in use cannot be deleted: the injected guard, and a foreign key as backstop', () => {
    const guarded = createSessionStore(temp.db, { sessionInUse: () => '2 candidats ont commencé l’épreuve' });
    const { session: s } = created();
    expect(guarded.deleteSession(s.id)).toEqual({ ok: false, error: { code: 'inUse', message: 'La session n° 1 ne peut pas être supprimée : 2 candidats ont commencé l’épreuve.' } });
    temp.db.exec('CREATE TABLE test_fk_probe (session_id INTEGER REFERENCES sessions (id))');
    temp.db.prepare('INSERT INTO test_fk_probe VALUES (?)').run(s.id);
    const refused = store.deleteSession(s.id);
    expect(refused.ok ? null : refused.error.code).toBe('inUse');
    expect(store.getSession(s.id)).not.toBeNull();
  });
});

describe('candidates', () => {
  it('R-SESS-3: stored and read back field for field', () => {
    const { session: s } = created();
    const added = store.addCandidate(s.id, leo);
    expect(added.ok && added.value).toEqual({ ...leo, id: 1, sessionId: s.id, createdAt: '2026-05-01T08:00:00.000Z' });
  });

  it('R-SESS-3: the same person twice in one session is refused (accents, case, hyphens ignored)', () => {
    const { session: s } = created();
    expect(store.addCandidate(s.id, zoe).ok).toBe(true);
    const twin = store.addCandidate(s.id, { ...zoe, lastName: 'LEFEVRE DUPONT', firstName: 'zoe', birthplace: { kind: 'foreign', city: 'Genève', country: 'Suisse' } });
    expect(twin).toEqual({ ok: false, error: { code: 'duplicateCandidate', message: 'Ce candidat est déjà inscrit dans la session : LEFÈVRE-DUPONT Zoé, né(e) le 14/03/2010.' } });
    // Another birth date is another person; another session is fine too.
    expect(store.addCandidate(s.id, { ...zoe, birthDate: '2010-03-15' }).ok).toBe(true);
    const other = created({ ...session, room: 'B13' }).session;
    expect(store.addCandidate(other.id, zoe).ok).toBe(true);
  });

  it('R-SESS-3: a pupil id already used in the session is refused', () => {
    const { session: s } = created();
    store.addCandidate(s.id, leo);
    const clash = store.addCandidate(s.id, { ...zoe, externalId: leo.externalId });
    expect(clash.ok ? null : clash.error.code).toBe('duplicateExternalId');
  });

  it('R-SESS-3: an edit that makes a duplicate is refused; editing one’s own record is fine', () => {
    const { session: s } = created();
    store.addCandidate(s.id, zoe);
    const leoRow = store.addCandidate(s.id, leo);
    if (!leoRow.ok) throw new Error('setup');
    const clash = store.updateCandidate(leoRow.value.id, { ...leo, lastName: 'Lefevre Dupont', firstName: 'Zoe', birthDate: '2010-03-14' });
    expect(clash.ok ? null : clash.error.code).toBe('duplicateCandidate');
    const fixed = store.updateCandidate(leoRow.value.id, { ...leo, extraTimePercent: 50 });
    expect(fixed.ok && fixed.value.extraTimePercent).toBe(50);
  });

  it('addCandidates is all or nothing', () => {
    const { session: s } = created();
    const result = store.addCandidates(s.id, [zoe, leo, { ...zoe, firstName: 'ZOÉ' }]);
    expect(result.ok ? null : [result.error.code, result.error.index]).toEqual(['duplicateCandidate', 2]);
    expect(store.listCandidates(s.id)).toEqual([]);
  });

  it('deleting a session deletes its candidates; deleting a candidate removes only them', () => {
    const { session: s } = created();
    const a = store.addCandidate(s.id, zoe);
    store.addCandidate(s.id, leo);
    expect(store.deleteCandidate(a.ok ? a.value.id : 0).ok).toBe(true);
    expect(store.listCandidates(s.id).map((c) => c.lastName)).toEqual(['Martin']);
    store.deleteSession(s.id);
    expect(temp.db.prepare('SELECT COUNT(*) FROM candidates').pluck().get()).toBe(0);
  });
});

describe('check-in lookup', () => {
  it('R-SESS-4: names compared without accents, case, hyphens or spaces; birth date exactly', () => {
    const { session: s } = created();
    store.addCandidate(s.id, zoe);
    store.addCandidate(s.id, { ...zoe, lastName: 'Œuvray', firstName: 'Jean Marc' });
    const find = (lastName: string, firstName: string, birthDate = '2010-03-14', sessionNumber = 1) =>
      store.findCandidateForCheckIn({ sessionNumber, lastName, firstName, birthDate });
    for (const [last, first] of [['LEFEVRE DUPONT', 'zoe'], ['lefèvre-dupont', 'ZOÉ'], ['  Lefevredupont ', 'Zoe'], ["Lefèvre'Dupont", 'zoé']]) {
      const found = find(last!, first!);
      expect(found.ok && found.value.candidate.firstName).toBe('Zoé');
    }
    const oeuvray = find('OEUVRAY', 'jean-marc');
    expect(oeuvray.ok && oeuvray.value.candidate.lastName).toBe('Œuvray');
    expect(find('Lefevre', 'Zoe').ok).toBe(false);
    expect(find('Lefevre-Dupont', 'Zoe', '2010-03-15').ok).toBe(false);
    const wrongSession = find('Lefevre-Dupont', 'Zoe', '2010-03-14', 2);
    expect(wrongSession.ok ? null : wrongSession.error.message).toBe('Aucune session ne porte le numéro 2.');
  });
});
