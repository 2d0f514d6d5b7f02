import { generateTest } from '../../../shared/certification/generation';
import { placementProfile } from '../../../shared/certification/profile';
import { canonicalJson } from '../../../shared/canonical/canonical-json';
import { ENTRY_TOKEN_HEADER, type KioskTest } from '../../../shared/formats/kiosk-api';
import type { Candidate, Session } from '../../../shared/formats/session';
import { generateVerificationCode } from '../../../shared/sessions/verification-code';
import { appendEvent } from '../audit/event-chain';
import { resumeExpired, resumeLimit, theoreticalEnd } from '../records/candidate-situation';
import type { DeliveryContext } from '../records/delivery-context';
import type { TestRecord } from '../records/delivery-store';
import { kioskState, type EntryContext } from './kiosk-entry';
import { kioskChallenge } from './kiosk-view';
import { matchPupil } from './pupil-match';
import { ok, type Result } from '../../../shared/result';
import { refuse, type Refusal } from '../storage/refusal';

/**
 * R-SESS-5 — an entry starts (first entry) or resumes (re-entry) the candidate's test, consuming the
 * invigilator's authorisation. The first entry freezes the profile (R-PROF-4), checks certifiability
 * (R-PROF-3), draws the seed and generates the test (R-GEN), draws the verification code (R-SESS-7).
 * Delivers every challenge WITHOUT solutions (R-CHAL-3), timers extended (R-VAL-6). Written through the group commit.
 */
export async function startTest(context: DeliveryContext, kioskId: number, found: EntryContext): Promise<Result<KioskTest, Refusal>> {
  const outcome = await context.commits.run(() => {
    // Re-read inside the transaction: two kiosks cannot both consume one authorisation.
    const entry = context.store.entryById(found.entry.id) ?? found.entry;
    const { candidate, session } = found;
    const existing = context.store.testOfCandidate(candidate.id);
    const now = context.now();
    const at = now.toISOString();

    if (existing && existing.state !== 'started') {
      return refuse('testEnded', ENTRY_TOKEN_HEADER, endedMessage(existing));
    }
    if (entry.supersededAt !== null) {
      return refuse('entryReplaced', ENTRY_TOKEN_HEADER, 'Cette connexion a été remplacée par une connexion plus récente du candidat : identifiez-vous de nouveau.');
    }
    if (entry.startedAt !== null) {
      return refuse('entryAlreadyUsed', ENTRY_TOKEN_HEADER,
        'Ce test a déjà été ouvert avec cette connexion : pour le reprendre, identifiez-vous de nouveau et demandez au surveillant d’autoriser la reprise.');
    }
    if (existing && resumeExpired(existing.startedAt, now)) {
      return refuse('resumeExpired', ENTRY_TOKEN_HEADER, 'La reprise n’est plus possible : plus de 24 heures ont passé depuis le début du test.');
    }
    if (entry.authorisedAt === null) {
      return refuse('notAuthorised', ENTRY_TOKEN_HEADER, existing
        ? 'La reprise n’est pas encore autorisée : levez la main, le surveillant doit l’autoriser.'
        : 'Votre présence n’est pas encore confirmée : patientez, le surveillant va la confirmer.');
    }
    if (session.status !== 'created') {
      return refuse('sessionClosed', ENTRY_TOKEN_HEADER, `La session n° ${session.number} est close.`);
    }

    let test: TestRecord | null = existing;
    if (!test) {
      const created = createTest(context, kioskId, entry.id, candidate, session, at);
      if (!created.ok) return created;
      test = created.value;
    }
    context.store.startEntry(entry, at);
    if (existing) {
      appendEvent(context.db, session.id, { kind: 'testResumed', candidateId: candidate.id, kioskId, at, payload: { entryId: entry.id } });
    }
    return ok(deliver(context, { ...found, entry: context.store.entryById(entry.id)! }, test));
  });
  if (outcome.ok) {
    context.candidateChanged(found.session.id, found.candidate.id);
  } else if (AUDITED_REFUSALS.has(outcome.error.code)) {
    const { code, message } = outcome.error;
    const at = context.now().toISOString();
    await context.commits.run(() => ok(appendEvent(context.db, found.session.id, {
      kind: 'startRefused', candidateId: found.candidate.id, kioskId, at, payload: { entryId: found.entry.id, code, message },
    })));
  }
  return outcome;
}

/** Refusals of a start that the invigilator may be asked about: kept in the audit log. */
const AUDITED_REFUSALS = new Set(['packagesMissing', 'profileNotFound', 'notCertifiable', 'noChallenge', 'resumeExpired']);

/** The first entry: freeze, check, draw, store. Returns the stored test or the refusal. */
function createTest(context: DeliveryContext, kioskId: number, entryId: number, candidate: Candidate, session: Session, at: string): Result<TestRecord, Refusal> {
  const packages = context.packages.sessionPackageIds(session.id);
  const content = packages.content === null ? null : context.materials.content(packages.content);
  const profiles = packages.profile === null ? null : context.materials.profiles(packages.profile);
  if (!content || !profiles) {
    return refuse('packagesMissing', ENTRY_TOKEN_HEADER,
      'Le test ne peut pas commencer : les paquets de contenu et de profils de la session ne sont pas importés. Appelez le surveillant.');
  }
  const match = matchPupil(profiles, candidate);
  if (!match.ok) {
    return refuse('profileNotFound', ENTRY_TOKEN_HEADER, match.reason === 'ambiguous'
      ? 'Le test ne peut pas commencer : plusieurs profils correspondent à vos nom, prénom et date de naissance. Appelez le surveillant.'
      : 'Le test ne peut pas commencer : votre profil est introuvable dans le paquet de profils. Appelez le surveillant.');
  }
  const placement = placementProfile(match.profile.knowledgeElements);
  if (!placement.certifiable) {
    // R-PROF-3 — the screen says why and how far the pupil is. Nothing is stored: the authorisation stays.
    return refuse('notCertifiable', ENTRY_TOKEN_HEADER, placement.message);
  }
  const seed = context.drawSeed();
  const generated = generateTest(content.index, match.profile, { seed, locale: session.locale });
  if (generated.challenges.length === 0) {
    return refuse('noChallenge', ENTRY_TOKEN_HEADER, 'Le test ne peut pas commencer : aucune épreuve disponible pour ce profil dans le paquet de contenu. Appelez le surveillant.');
  }
  const verificationCode = generateVerificationCode(undefined, (code) => context.store.verificationCodeTaken(code));
  context.store.insertTest({
    candidateId: candidate.id,
    sessionId: session.id,
    contentPackageId: content.rowId,
    profilePackageId: profiles.rowId,
    seed,
    profileSnapshot: canonicalJson(match.profile),
    generatedTest: canonicalJson(generated),
    challengeCount: generated.challenges.length,
    verificationCode,
    startedAt: at,
  });
  appendEvent(context.db, session.id, {
    kind: 'testStarted', candidateId: candidate.id, kioskId, at,
    payload: { entryId, seed, challengeCount: generated.challenges.length, contentPackage: content.sha256, profilePackage: profiles.sha256, pupilId: match.profile.pupilId },
  });
  return ok(context.store.testOfCandidate(candidate.id)!);
}

/** R-CHAL-3, R-GEN-5, R-GEN-6, R-SESS-5, R-VAL-6 — the whole test for the kiosk. */
export function deliver(context: DeliveryContext, found: EntryContext, test: TestRecord): KioskTest {
  const material = context.tests.of(test);
  if (!material) throw new Error(`test ${test.id} : paquet de contenu illisible`);
  const { candidate } = found;
  const answered = context.store.answeredChallengeIds(test.id);
  const firstOpen = material.challenges.findIndex((c) => !answered.has(c.id));
  return {
    candidate: { lastName: candidate.lastName, firstName: candidate.firstName },
    locale: material.generated.locale,
    startedAt: test.startedAt,
    theoreticalEndAt: theoreticalEnd(test.startedAt, candidate.extraTimePercent),
    resumeLimitAt: resumeLimit(test.startedAt),
    extraTimePercent: candidate.extraTimePercent,
    accessibilityAdjustment: candidate.accessibilityAdjustment,
    challenges: material.challenges.map((c, i) => kioskChallenge(c, i + 1, material.content.assetById, candidate.extraTimePercent)),
    answeredChallengeIds: material.challenges.filter((c) => answered.has(c.id)).map((c) => c.id),
    resumeAt: firstOpen === -1 ? null : firstOpen,
    state: kioskState(context, found.entry, candidate, test),
  };
}

function endedMessage(test: TestRecord): string {
  switch (test.state) {
    case 'completed': return 'Votre test est terminé : vous avez répondu à toutes les questions.';
    case 'endedByInvigilator': return 'Le surveillant a mis fin à votre test.';
    default: return 'La session est close : votre test est terminé.';
  }
}
