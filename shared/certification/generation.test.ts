import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPETENCE_CODES, type CompetenceCode } from '../formats/common';
import type { KnowledgeElement, PupilProfile } from '../formats/profile-package';
import { ContentBuilder, ke } from '../testing/content-builder';
import { generateTest } from './generation';
import { placementProfile } from './profile';
import { indexContent } from './referential';

const pupil = (knowledgeElements: KnowledgeElement[], answeredChallengeIds: string[] = []): PupilProfile => ({
  pupilId: 'p1', lastName: 'Martin', firstName: 'Léa', birthDate: '2010-05-04', knowledgeElements, answeredChallengeIds,
});

/** Four other certifiable competences (2 skills × 4 pix each), so that the pupil is certifiable. */
function fillerCompetences(b: ContentBuilder): KnowledgeElement[] {
  return (['2.1', '3.1', '4.1', '5.1'] as const).flatMap((code) => [1, 2].map((d) => {
    const s = b.skill(code, `f${code.replace('.', '')}`, d);
    b.challenge(s, `ch_${s}`);
    return ke(s, code, 4);
  }));
}

describe('generateTest', () => {
  it('R-GEN-2, R-GEN-3, R-GEN-5: hardest first, new tubes first within a difficulty, at most 3', () => {
    const b = new ContentBuilder();
    // Competence 1.1: tube a has difficulties 5 and 4, tube b difficulty 4, tube c difficulty 4 and 2.
    const a5 = b.skill('1.1', 'a', 5); b.challenge(a5, 'a5');
    const a4 = b.skill('1.1', 'a', 4); b.challenge(a4, 'a4');
    const b4 = b.skill('1.1', 'b', 4); b.challenge(b4, 'b4');
    const c4 = b.skill('1.1', 'c', 4); b.challenge(c4, 'c4');
    const c2 = b.skill('1.1', 'c', 2); b.challenge(c2, 'c2');
    const elements = [ke(a4, '1.1', 2), ke(c2, '1.1', 4), ke(a5, '1.1', 4), ke(b4, '1.1', 2), ke(c4, '1.1', 2), ...fillerCompetences(b)];
    const test = generateTest(indexContent(b.build()), pupil(elements), { seed: 1, locale: 'fr' });
    // Difficulty 5: a5 (tube a). Difficulty 4: b4, c4 (new tubes) before a4 (tube a already used) → keep a5, b4, c4.
    expect(test.challenges.filter((c) => c.competence === '1.1').map((c) => c.challengeId)).toEqual(['a5', 'b4', 'c4']);
    // R-GEN-5: competence by competence, in code order.
    expect(test.challenges.map((c) => c.competence)).toEqual(['1.1', '1.1', '1.1', '2.1', '2.1', '3.1', '3.1', '4.1', '4.1', '5.1', '5.1']);
    expect(test.challenges.filter((c) => c.competence === '2.1').map((c) => c.difficulty)).toEqual([2, 1]);
  });

  it('R-GEN-2: only skills validated directly, latest element and latest version', () => {
    const b = new ContentBuilder();
    const inferred = b.skill('1.2', 'inf', 6); b.challenge(inferred, 'inf6');
    const lost = b.skill('1.2', 'lost', 5); b.challenge(lost, 'lost5');
    const v1 = b.skill('1.2', 'ver', 4, { version: 1 }); b.challenge(v1, 'ver4old');
    const v2 = b.skill('1.2', 'ver', 4, { version: 2 }); b.challenge(v2, 'ver4new');
    const elements = [
      ke(inferred, '1.2', 4, { source: 'inferred', challengeId: undefined }),
      ke(lost, '1.2', 4),
      ke(lost, '1.2', 0, { status: 'invalidated' }), // the latest element of @lost5 is invalidated
      ke(v1, '1.2', 4),
      ...fillerCompetences(b),
    ];
    const test = generateTest(indexContent(b.build()), pupil(elements), { seed: 7, locale: 'fr' });
    expect(test.challenges.filter((c) => c.competence === '1.2').map((c) => c.challengeId)).toEqual(['ver4new']);
  });

  it('R-GEN-2: prefers challenges not answered yet; when all were answered, picks among all', () => {
    const b = new ContentBuilder();
    const s = b.skill('1.1', 'x', 3);
    ['x1', 'x2', 'x3'].forEach((id) => b.challenge(s, id));
    const t = b.skill('1.1', 'y', 3);
    ['y1', 'y2'].forEach((id) => b.challenge(t, id));
    const filler = fillerCompetences(b);
    const index = indexContent(b.build());
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const test = generateTest(index, pupil([ke(s, '1.1', 4, { challengeId: 'x1' }), ke(t, '1.1', 4, { challengeId: 'y1' }), ...filler], ['x3', 'y2']), { seed, locale: 'fr' });
      const ids = test.challenges.filter((c) => c.competence === '1.1').map((c) => c.challengeId);
      expect(ids.find((id) => id.startsWith('x'))).toBe('x2'); // x1 and x3 answered, x2 is the only fresh one
      seen.add(ids.find((id) => id.startsWith('y'))!);
    }
    expect([...seen].sort()).toEqual(['y1', 'y2']); // both answered → drawn among all
  });

  it('R-GEN-2: a skill without a usable challenge in the locale is passed over; a short competence gets 1 or 2', () => {
    const b = new ContentBuilder();
    const s6 = b.skill('5.2', 'p', 6); b.challenge(s6, 'p6', { status: 'proposed' });
    const s5 = b.skill('5.2', 'p', 5); b.challenge(s5, 'p5en', { locales: ['en'] });
    const s4 = b.skill('5.2', 'p', 4); b.challenge(s4, 'p4');
    const elements = [ke(s6, '5.2', 4), ke(s5, '5.2', 4), ke(s4, '5.2', 4), ...fillerCompetences(b)];
    const index = indexContent(b.build());
    expect(generateTest(index, pupil(elements), { seed: 3, locale: 'fr' }).challenges.filter((c) => c.competence === '5.2').map((c) => c.challengeId)).toEqual(['p4']);
    expect(generateTest(index, pupil(elements), { seed: 3, locale: 'en' }).challenges.filter((c) => c.competence === '5.2').map((c) => c.challengeId)).toEqual(['p5en']);
  });

  it('R-GEN-1: competences below level 1 get no challenge', () => {
    const b = new ContentBuilder();
    const low = b.skill('1.3', 'low', 1); b.challenge(low, 'low1');
    const test = generateTest(indexContent(b.build()), pupil([ke(low, '1.3', 4), ...fillerCompetences(b)]), { seed: 9, locale: 'fr' });
    expect(test.challenges.some((c) => c.competence === '1.3')).toBe(false);
    expect(test.competences.map((c) => c.code)).toEqual(['2.1', '3.1', '4.1', '5.1']);
  });
});

/** Synthetic content: every competence has 3 tubes with difficulties 1–6 and 1–3 challenges per skill. */
function syntheticContent() {
  const b = new ContentBuilder();
  const skills: { id: string; code: CompetenceCode }[] = [];
  COMPETENCE_CODES.forEach((code, ci) => {
    for (const tube of ['t', 'u', 'v']) {
      for (let d = 1; d <= 6; d++) {
        const id = b.skill(code, `${tube}${ci}`, d);
        skills.push({ id, code });
        for (let k = 0; k < 1 + ((ci + d) % 3); k++) b.challenge(id, `${id}_c${k}`, { type: d % 4 === 0 ? 'QROCM-dep' : 'QCU' });
      }
    }
  });
  return { index: indexContent(b.build()), skills };
}

describe('generateTest (properties)', () => {
  const { index, skills } = syntheticContent();
  const profileArb = fc.array(fc.record({
    skill: fc.constantFrom(...skills),
    pix: fc.constantFrom(0.5, 2, 8 / 3, 4),
    status: fc.constantFrom('validated' as const, 'validated' as const, 'invalidated' as const),
    source: fc.constantFrom('direct' as const, 'direct' as const, 'inferred' as const),
  }), { minLength: 0, maxLength: 120 }).map((rows) => pupil(rows.map((r, i) => ({
    skillId: r.skill.id, competence: r.skill.code, status: r.status, source: r.source,
    challengeId: r.source === 'direct' ? `${r.skill.id}_c0` : undefined, earnedPix: r.pix,
    createdAt: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
  }))));

  it('R-GEN-1, R-GEN-2: never two challenges of one skill, at most 3 per competence, only certifiable competences', () => {
    fc.assert(fc.property(profileArb, fc.nat(0xffffffff), (profile, seed) => {
      const test = generateTest(index, profile, { seed, locale: 'fr' });
      const certifiable = new Set(placementProfile(profile.knowledgeElements).certifiableCompetences.map((c) => c.code));
      const skillIds = test.challenges.map((c) => c.skillId);
      expect(new Set(skillIds).size).toBe(skillIds.length);
      for (const code of COMPETENCE_CODES) expect(test.challenges.filter((c) => c.competence === code).length).toBeLessThanOrEqual(3);
      for (const c of test.challenges) expect(certifiable.has(c.competence)).toBe(true);
    }), { numRuns: 300 });
  });

  it('R-GEN-4: the same content, profile and seed give the same test, byte for byte', () => {
    fc.assert(fc.property(profileArb, fc.nat(0xffffffff), (profile, seed) => {
      const a = JSON.stringify(generateTest(index, profile, { seed, locale: 'fr' }));
      const b = JSON.stringify(generateTest(index, JSON.parse(JSON.stringify(profile)) as typeof profile, { seed, locale: 'fr' }));
      expect(b).toBe(a);
    }), { numRuns: 200 });
  });

  it('R-GEN-4: different seeds do draw different challenges', () => {
    const profile = pupil(skills.filter((_, i) => i % 2 === 0).map((s) => ke(s.id, s.code, 4)));
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(generateTest(index, profile, { seed, locale: 'fr' }).challenges)));
    expect(draws.size).toBeGreaterThan(1);
  });
});
