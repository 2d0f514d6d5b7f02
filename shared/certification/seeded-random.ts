import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** R-GEN-4 — seeds are unsigned 32-bit integers, stored with the test. */
export const MAX_SEED = 0xffffffff;

/** A reproducible source of integers: the same seed gives the same sequence on every machine (pure-rand's xoroshiro128+). */
export interface SeededRandom {
  /** Uniform integer in [0, maxExclusive). */
  nextInt(maxExclusive: number): number;
}

export function seededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`graine invalide : ${seed} (entier de 0 à ${MAX_SEED})`);
  const generator = xoroshiro128plus(seed | 0);
  return { nextInt: (maxExclusive) => uniformInt(generator, 0, maxExclusive - 1) };
}
