/**
 * Builds small content packages by hand for tests (not shipped; the demo content lives in fixtures/).
 * `skill('1.1', 'tubeA', 3)` → skill `@tubeA3` in tube `@tubeA` of competence 1.1.
 */
import { CONTENT_PACKAGE_FORMAT, CONTENT_PACKAGE_FORMAT_VERSION, type Challenge, type ContentPackage, type Skill, type Tube } from '../formats/content-package';
import type { CompetenceCode } from '../formats/common';
import type { KnowledgeElement } from '../formats/profile-package';

export class ContentBuilder {
  private tubes = new Map<string, Tube>();
  private skills: Skill[] = [];
  private challenges: Challenge[] = [];

  skill(competence: CompetenceCode, tube: string, difficulty: number, options: { version?: number; status?: Skill['status'] } = {}): string {
    const tubeId = `tube_${tube}`;
    if (!this.tubes.has(tubeId)) this.tubes.set(tubeId, { id: tubeId, name: `@${tube}`, competence, title: { fr: tube } });
    const version = options.version ?? 1;
    const id = `skill_${tube}${difficulty}_v${version}`;
    this.skills.push({ id, name: `@${tube}${difficulty}`, tube: tubeId, competence, difficulty, version, status: options.status ?? 'active' });
    return id;
  }

  challenge(skillId: string, id: string, options: { status?: Challenge['status']; locales?: ('fr' | 'en')[]; type?: 'QCU' | 'QROCM-dep' } = {}): string {
    const base = { id, skill: skillId, status: options.status ?? 'validated', locales: options.locales ?? ['fr'], instruction: `Épreuve ${id}`, format: 'mots' as const };
    this.challenges.push(options.type === 'QROCM-dep'
      ? { ...base, type: 'QROCM-dep', proposals: '${a} ${b}', solution: { groups: [['x'], ['y']] } }
      : { ...base, type: 'QCU', proposals: 'oui\nnon', solution: { choice: '1' } });
    return id;
  }

  build(): ContentPackage {
    const codes = [...new Set([...this.tubes.values()].map((t) => t.competence))].sort();
    return {
      format: CONTENT_PACKAGE_FORMAT,
      formatVersion: CONTENT_PACKAGE_FORMAT_VERSION,
      id: 'test-content',
      version: '1',
      publishedAt: '2026-01-01T00:00:00Z',
      locales: ['fr', 'en'],
      areas: ['1', '2', '3', '4', '5'].map((code) => ({ code: code as '1', title: { fr: `Domaine ${code}` } })),
      competences: codes.map((code) => ({ code, area: code[0] as '1', title: { fr: `Compétence ${code}` } })),
      tubes: [...this.tubes.values()],
      skills: this.skills,
      challenges: this.challenges,
      assets: [],
    };
  }
}

let clock = Date.parse('2025-09-01T08:00:00Z');
/** A knowledge element; each call is one minute later than the previous one. */
export function ke(skillId: string, competence: CompetenceCode, earnedPix: number, options: Partial<KnowledgeElement> = {}): KnowledgeElement {
  clock += 60_000;
  return {
    skillId,
    competence,
    status: 'validated',
    source: 'direct',
    challengeId: `answered_${skillId}`,
    earnedPix,
    createdAt: new Date(clock).toISOString(),
    ...options,
  };
}
