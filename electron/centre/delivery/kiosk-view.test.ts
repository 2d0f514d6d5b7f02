import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Challenge, type Asset } from '../../../shared/formats/content-package';
import { KioskChallenge } from '../../../shared/formats/kiosk-api';
import { instructionBlocks } from '../../../shared/formats/kiosk-instruction-markdown';
import { kioskChallenge, kioskInstruction } from './kiosk-view';
import { TEST_ASSETS, testContentPackage } from '../testing/test-packages';

const assets = new Map<string, Asset>(TEST_ASSETS.map((a) => [a.id, a]));
const content = testContentPackage();

describe('R-CHAL-3 — a kiosk challenge is built by picking fields', () => {
  test('every challenge of the test package: only the kiosk fields, never the solution', () => {
    for (const challenge of content.challenges) {
      const view = kioskChallenge(challenge, 1, assets, 0);
      expect(KioskChallenge.safeParse(view).success).toBe(true);
      const text = JSON.stringify(view);
      expect(text).not.toContain('solution');
      expect(text).not.toContain(JSON.stringify(challenge.solution));
    }
  });

  test('a field added to the content later is not sent (property: random extra fields)', () => {
    const known = new Set(content.challenges.flatMap((c) => Object.keys(c)));
    fc.assert(fc.property(
      fc.constantFrom(...content.challenges),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !known.has(k)), fc.uuid().map((u) => `sentinelle-${u}`), { minKeys: 1, maxKeys: 4 }),
      (challenge, extra) => {
        const text = JSON.stringify(kioskChallenge({ ...challenge, ...extra } as Challenge, 1, assets, 0));
        return Object.values(extra).every((value) => !text.includes(value));
      },
    ), { numRuns: 200 });
  });
});

describe('R-CHAL-1 — the instruction goes as the kiosk’s tree, never as markdown', () => {
  test('the tree of the content’s markdown; the markdown itself is not sent', () => {
    const challenge = { ...content.challenges[0]!, instruction: 'Lis **bien** [ce site](https://ailleurs.example/page) : <b>gras</b>' };
    const view = kioskChallenge(challenge, 1, assets, 0);
    expect(view.instruction).toEqual(instructionBlocks(challenge.instruction));
    expect(view.instruction).toEqual([{ kind: 'paragraph', children: [
      { kind: 'text', text: 'Lis ' }, { kind: 'strong', children: [{ kind: 'text', text: 'bien' }] }, { kind: 'text', text: ' ' },
      { kind: 'link', children: [{ kind: 'text', text: 'ce site' }] }, { kind: 'text', text: ' : ' },
      { kind: 'text', text: '<b>' }, { kind: 'text', text: 'gras' }, { kind: 'text', text: '</b>' },
    ] }]);
    const text = JSON.stringify(view);
    expect(text).not.toContain('**bien**');
    expect(text).not.toContain('ailleurs.example');
  });

  test('prepared once per distinct markdown (32 per test start): the same tree again, another for other words', () => {
    const first = kioskInstruction('Une **consigne** partagée');
    expect(kioskInstruction('Une **consigne** partagée')).toBe(first);
    expect(kioskInstruction('Une autre consigne')).not.toBe(first);
    expect(kioskInstruction('Une autre consigne')).toEqual(instructionBlocks('Une autre consigne'));
  });
});

describe('R-VAL-6 — timers extended by the extra time', () => {
  const timed = content.challenges.find((c) => c.timer === 60)!;
  test('30 % on a 60 s timer gives 78 s', () => {
    expect(kioskChallenge(timed, 2, assets, 30).timer).toEqual({ seconds: 78, baseSeconds: 60 });
  });
  test('no extra time keeps the timer; 33.33 % on 60 s rounds up to 80 s', () => {
    expect(kioskChallenge(timed, 2, assets, 0).timer).toEqual({ seconds: 60, baseSeconds: 60 });
    expect(kioskChallenge(timed, 2, assets, 33.33).timer).toEqual({ seconds: 80, baseSeconds: 60 });
  });
  test('an untimed challenge has no timer', () => {
    expect(kioskChallenge(content.challenges[0]!, 1, assets, 30).timer).toBeUndefined();
  });
});
