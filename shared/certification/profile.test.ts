import { describe, expect, it } from 'vitest';
import { ke } from '../testing/content-builder';
import { latestKnowledgeElements, placementProfile } from './profile';

describe('placementProfile', () => {
  it('R-PROF-1: only the latest element per skill counts', () => {
    const first = ke('s1', '1.1', 4);
    const later = ke('s1', '1.1', 4, { status: 'invalidated' });
    expect(latestKnowledgeElements([later, first])).toEqual([later]);
    expect(placementProfile([first, later]).competences[0]).toEqual({ code: '1.1', pixScore: 0, estimatedLevel: 0 });
  });

  it('R-PROF-2: pix = floor of the validated sum, level = floor(sum / 8), no cap', () => {
    // 1.1: 4 + 4 + 3.5 = 11.5 → 11 pix, level 1. 1.2: 13 × 4 = 52 → level 6 (uncapped even with maxLevel 5).
    const elements = [ke('a', '1.1', 4), ke('b', '1.1', 4), ke('c', '1.1', 3.5), ke('d', '1.1', 4, { status: 'invalidated' })];
    for (let i = 0; i < 13; i++) elements.push(ke(`x${i}`, '1.2', 4));
    const profile = placementProfile(elements);
    expect(profile.competences.find((c) => c.code === '1.1')).toEqual({ code: '1.1', pixScore: 11, estimatedLevel: 1 });
    expect(profile.competences.find((c) => c.code === '1.2')).toEqual({ code: '1.2', pixScore: 52, estimatedLevel: 6 });
    expect(profile.competences).toHaveLength(16);
  });

  it('R-PROF-2: six skills worth 8/6 make exactly 8 pix (level 1), despite floating-point sums', () => {
    const elements = Array.from({ length: 6 }, (_, i) => ke(`s${i}`, '3.4', 8 / 6));
    expect(placementProfile(elements).competences.find((c) => c.code === '3.4')).toEqual({ code: '3.4', pixScore: 8, estimatedLevel: 1 });
  });

  it('R-PROF-2: inferred validated elements count towards pix', () => {
    const profile = placementProfile([ke('a', '2.1', 4, { source: 'inferred', challengeId: undefined }), ke('b', '2.1', 4)]);
    expect(profile.competences.find((c) => c.code === '2.1')?.estimatedLevel).toBe(1);
  });

  it('R-PROF-3: 4 certifiable competences are not enough, and the message says how far the pupil is', () => {
    const codes = ['1.1', '2.1', '3.1', '4.1'] as const;
    const profile = placementProfile(codes.flatMap((c) => [ke(`${c}a`, c, 4), ke(`${c}b`, c, 4)]));
    expect(profile.certifiable).toBe(false);
    expect(profile.certifiableCompetences.map((c) => c.code)).toEqual(['1.1', '2.1', '3.1', '4.1']);
    expect(profile.message).toContain('4 compétences sur 5 au niveau 1');
  });

  it('R-PROF-3: exactly 5 certifiable competences make the pupil certifiable', () => {
    const codes = ['1.1', '2.1', '3.1', '4.1', '5.2'] as const;
    const profile = placementProfile(codes.flatMap((c) => [ke(`${c}a`, c, 4), ke(`${c}b`, c, 4)]));
    expect(profile.certifiable).toBe(true);
    expect(profile.message).toBe('Certifiable : 5 compétences au niveau 1 ou plus.');
  });

  it('R-PROF-3: 7 pix is level 0, not certifiable for that competence', () => {
    const profile = placementProfile([ke('a', '1.1', 4), ke('b', '1.1', 3)]);
    expect(profile.certifiableCompetences).toEqual([]);
    expect(profile.message).toContain('0 compétence sur 5');
  });
});

describe('R-REF-2 levels', () => {
  it('R-REF-2: 8 pix per level, level = floor(pix / 8): 0–7 pix is level 0', () => {
    // [total earned pix in one competence, expected level], with skills worth 1 pix each.
    const cases: [number, number][] = [[0, 0], [7, 0], [8, 1], [15, 1], [16, 2], [39, 4], [40, 5], [47, 5], [48, 6]];
    for (const [pix, level] of cases) {
      const elements = Array.from({ length: pix }, (_, i) => ke(`r${pix}_${i}`, '4.2', 1));
      expect(placementProfile(elements).competences.find((c) => c.code === '4.2'), `${pix} pix`).toEqual({ code: '4.2', pixScore: pix, estimatedLevel: level });
    }
  });
});
