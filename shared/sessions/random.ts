/** A source of uniform integers in [0, maxExclusive). Injected so tests can be deterministic. */
export type RandomInt = (maxExclusive: number) => number;

/**
 * Cryptographically secure uniform integers from Web Crypto (`globalThis.crypto`, present in Node ≥ 20
 * and in every browser), by rejection sampling so that no value is favoured.
 */
export const secureRandomInt: RandomInt = (maxExclusive) => {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 0x1_0000_0000) throw new RangeError(`maxExclusive hors limites : ${maxExclusive}`);
  const limit = Math.floor(0x1_0000_0000 / maxExclusive) * maxExclusive;
  const buffer = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buffer);
    const value = buffer[0]!;
    if (value < limit) return value % maxExclusive;
  }
};

/** `length` characters drawn from `alphabet`. */
export function drawCharacters(alphabet: string, length: number, random: RandomInt): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random(alphabet.length)];
  return out;
}
