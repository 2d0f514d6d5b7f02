import { describe, expect, it } from 'vitest';
import { ContentBuilder } from '../testing/content-builder';
import { indexContent, isUsableChallenge, usableChallengesOf } from './referential';

describe('referential', () => {
  it('R-REF-5: pix = min(4, 8 / n) for n active skills of one competence and difficulty', () => {
    const b = new ContentBuilder();
    const three = ['a', 'b', 'c'].map((t) => b.skill('1.1', t, 2));
    three.forEach((s) => b.challenge(s, `ch_${s}`));
    const alone = b.skill('1.1', 'a', 3);
    b.challenge(alone, 'ch_alone');
    const pair = ['a', 'b'].map((t) => b.skill('1.1', t, 4));
    pair.forEach((s) => b.challenge(s, `ch_${s}`));
    const index = indexContent(b.build());
    for (const s of three) expect(index.skillPix.get(s)).toBeCloseTo(8 / 3, 12);
    expect(index.skillPix.get(alone)).toBe(4);
    for (const s of pair) expect(index.skillPix.get(s)).toBe(4);
  });

  it('R-REF-5: a skill without a usable challenge is not active and does not dilute the others', () => {
    const b = new ContentBuilder();
    const active = b.skill('2.1', 'a', 5);
    const inactive = b.skill('2.1', 'b', 5);
    const fresh = b.skill('2.1', 'c', 5);
    b.challenge(active, 'ch1');
    b.challenge(active, 'ch1b');
    b.challenge(inactive, 'ch2', { status: 'proposed' });
    b.challenge(fresh, 'ch3', { status: 'obsolete' });
    const a2 = b.skill('2.1', 'd', 5);
    b.challenge(a2, 'ch4', { status: 'archived' });
    b.challenge(a2, 'ch5');
    b.skill('2.1', 'e', 5); // no challenge at all
    const index = indexContent(b.build());
    expect(index.skillPix.get(active)).toBe(4); // n = 2 (active + d) → min(4, 4)
    expect(index.skillPix.has(inactive)).toBe(false);
    expect(index.skillPix.has(fresh)).toBe(false);
  });

  it('R-REF-4: only the latest version of a name counts', () => {
    const b = new ContentBuilder();
    const v1 = b.skill('1.3', 'tab', 3, { version: 1 });
    const v2 = b.skill('1.3', 'tab', 3, { version: 2 });
    const other = b.skill('1.3', 'calc', 3);
    b.challenge(v1, 'old');
    b.challenge(v2, 'new');
    b.challenge(other, 'calc');
    const index = indexContent(b.build());
    expect(index.latestSkillOf.get(v1)?.id).toBe(v2);
    expect(index.skillPix.has(v1)).toBe(false);
    expect(index.skillPix.get(v2)).toBe(4); // n = 2 (v2 and calc), v1 not counted
  });

  it('R-GEN-4: usable = validated or archived, filtered by locale', () => {
    expect(['proposed', 'validated', 'archived', 'obsolete'].map((status) => isUsableChallenge({ status: status as 'validated' }))).toEqual([false, true, true, false]);
    const b = new ContentBuilder();
    const s = b.skill('4.1', 'mdp', 2);
    b.challenge(s, 'fr1');
    b.challenge(s, 'en1', { locales: ['en'] });
    b.challenge(s, 'both', { locales: ['fr', 'en'] });
    const index = indexContent(b.build());
    expect(usableChallengesOf(index, s, 'fr').map((c) => c.id)).toEqual(['both', 'fr1']);
    expect(usableChallengesOf(index, s, 'en').map((c) => c.id)).toEqual(['both', 'en1']);
  });
});
