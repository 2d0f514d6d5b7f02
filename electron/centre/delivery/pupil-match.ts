import type { PupilProfile } from '../../../shared/formats/profile-package';
import type { Candidate } from '../../../shared/formats/session';
import { identityKey, type ProfileMaterial } from '../records/session-material';

export type PupilMatch = { ok: true; profile: PupilProfile } | { ok: false; reason: 'notFound' | 'ambiguous' };

/**
 * R-PROF-4 — the pupil of the profile package who is this candidate: by the roster's external id when the
 * candidate has one and a pupil carries it; else by normalised last name, first name and birth date (R-SESS-4).
 * Two pupils with the same name and birth date and no id to tell them apart → `ambiguous`: never guess whose
 * profile a test is drawn from.
 */
export function matchPupil(profiles: ProfileMaterial, candidate: Pick<Candidate, 'externalId' | 'lastName' | 'firstName' | 'birthDate'>): PupilMatch {
  if (candidate.externalId !== undefined) {
    const byId = profiles.byPupilId.get(candidate.externalId);
    if (byId) return { ok: true, profile: byId };
  }
  const same = profiles.byIdentity.get(identityKey(candidate.lastName, candidate.firstName, candidate.birthDate)) ?? [];
  if (same.length === 1) return { ok: true, profile: same[0]! };
  return { ok: false, reason: same.length === 0 ? 'notFound' : 'ambiguous' };
}
