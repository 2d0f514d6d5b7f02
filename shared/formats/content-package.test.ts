import { describe, expect, it } from 'vitest';
import { ContentBuilder } from '../testing/content-builder';
import { Challenge, ContentPackage } from './content-package';
import { parseWith } from './parse';
import { ProfilePackage } from './profile-package';
import { ScoringInput } from './scoring';

const challenge = (extra: Record<string, unknown> = {}) => ({
  id: 'ch1', skill: 'skill_a1', status: 'validated', locales: ['fr'], instruction: 'Quelle est la capitale de la France ?',
  proposals: '${ville}', format: 'mots', type: 'QROC', solution: { variants: ['Paris'] }, ...extra,
});

describe('content package schema', () => {
  it('R-CHAL-1: accepts a challenge with every optional part (alternative instruction, illustration, attachment, embed, timer, focused)', () => {
    const parsed = parseWith(Challenge, challenge({
      alternativeInstruction: 'Texte seul.', illustration: { asset: 'img1', alt: 'Carte de France' }, attachment: { assets: ['doc.odt', 'doc.docx'] },
      embed: { url: 'https://exemple.fr/simulateur', title: 'Simulateur', height: 400 }, timer: 60, focused: true, tolerances: { t3: false },
    }));
    expect(parsed.ok).toBe(true);
  });

  it('R-CHAL-1: refuses a bad challenge with the path of the bad field, in French', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'QCU', solution: { choices: ['1'] } }, 'solution'],
      [{ format: 'roman' }, 'format'],
      [{ timer: -5 }, 'timer'],
      [{ embed: { url: 'http://exemple.fr', title: 'x', height: 300 } }, 'embed.url'],
      [{ illustration: { asset: 'img1', alt: '' } }, 'illustration.alt'],
      [{ status: 'brouillon' }, 'status'],
    ];
    for (const [extra, path] of cases) {
      const parsed = parseWith(Challenge, challenge(extra), 'challenges[4]');
      expect(parsed.ok, path).toBe(false);
      if (!parsed.ok) expect(parsed.errors.map((e) => e.path)).toContain(`challenges[4].${path}`);
    }
    const parsed = parseWith(Challenge, challenge({ illustration: { asset: 'img1', alt: '' } }));
    expect(!parsed.ok && parsed.errors[0]!.message).toBe('texte alternatif obligatoire');
  });

  it('R-CHAL-2: the five types each carry their own solution shape', () => {
    const solutions = {
      QCU: { choice: '2' }, QCM: { choices: ['1', '3'] }, QROC: { variants: ['Paris'] },
      'QROCM-ind': { fields: { a: ['x'] } }, 'QROCM-dep': { groups: [['Google'], ['Yahoo']], scoring: { min: 1, max: 2 } },
    };
    for (const [type, solution] of Object.entries(solutions)) {
      expect(parseWith(Challenge, challenge({ type, solution })).ok, type).toBe(true);
      const other = type === 'QCU' ? solutions.QCM : solutions.QCU;
      expect(parseWith(Challenge, challenge({ type, solution: other })).ok, `${type} with another type's solution`).toBe(false);
    }
  });

  it('R-REF-4: a skill name ends with its difficulty; cross-references are checked with their path', () => {
    const b = new ContentBuilder();
    const skill = b.skill('1.1', 'recherche', 3);
    b.challenge(skill, 'ch1');
    const pkg = b.build();
    expect(parseWith(ContentPackage, pkg).ok).toBe(true);
    const badName = JSON.parse(JSON.stringify(pkg)) as typeof pkg;
    badName.skills[0]!.name = '@recherche4';
    const nameResult = parseWith(ContentPackage, badName);
    expect(!nameResult.ok && nameResult.errors.map((e) => e.path)).toContain('skills[0].name');
    const badRef = JSON.parse(JSON.stringify(pkg)) as typeof pkg;
    badRef.challenges[0]!.skill = 'skill_inconnu';
    const refResult = parseWith(ContentPackage, badRef);
    expect(!refResult.ok && refResult.errors).toEqual([{ path: 'challenges[0].skill', message: 'acquis inconnu : skill_inconnu' }]);
  });
});

describe('profile package and scoring input schemas', () => {
  it('R-PROF-1: a direct knowledge element names its challenge', () => {
    const pkg = {
      format: 'passation/profile-package', formatVersion: 1, id: 'p', contentId: 'c', generatedAt: '2026-01-01T00:00:00Z',
      profiles: [{ pupilId: 'INE-1', lastName: 'Martin', firstName: 'Léa', birthDate: '2010-02-30', knowledgeElements: [
        { skillId: 's1', competence: '1.1', status: 'validated', source: 'direct', earnedPix: 4, createdAt: '2026-01-01T00:00:00Z' },
      ] }],
    };
    const result = parseWith(ProfilePackage, pkg);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path).sort()).toEqual(['profiles[0].birthDate', 'profiles[0].knowledgeElements[0].challengeId']);
      expect(result.errors.find((e) => e.path === 'profiles[0].birthDate')!.message).toBe('date inexistante');
    }
  });

  it('R-REF-3: the scoring input carries the cap, from 1 to 8 levels', () => {
    const input = { maxLevel: 5, competences: [], challenges: [], abortReason: null, fraud: false };
    expect(parseWith(ScoringInput, input).ok).toBe(true);
    const tooHigh = parseWith(ScoringInput, { ...input, maxLevel: 9 });
    expect(!tooHigh.ok && tooHigh.errors[0]!.path).toBe('maxLevel');
  });
});
