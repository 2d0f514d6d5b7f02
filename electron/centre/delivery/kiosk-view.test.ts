import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Challenge, type Asset } from '../../../shared/formats/content-package';
import { KioskChallenge } from '../../../shared/formats/kiosk-api';
import { kioskChallenge } from './kiosk-view';
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
