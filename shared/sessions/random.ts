/** A source of uniform integers in [0, maxExclusive). Injected so tests can be deterministic. */
export type RandomInt = (maxExclusive: number) => number;

/**
 * Cryptographically secure uniform integers from Web Crypto (`globalThis.crypto`, present in Node ≥ 20
 * and in every browser), by rejection sampling so that no value is favoured.
 */
export const secureRandomInt: RandomInt = (maxExclusive) => {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 0x1_0000_0000) throw new RangeError(`maxExclusive hors limites : ${maxExclusive}`);
  const limit = Math.floor(0x1_0000_0000 / maxExclusive) * maxExclusive;
  for (;;) {
    const value = nextSecureUint32();
    if (value < limit) return value % maxExclusive;
  }
};

/**
 * The one Web Crypto function used here, declared so that shared/ typechecks with neither the DOM nor Node's types
 * (tsconfig.shared.json): `crypto.getRandomValues` exists on `globalThis` in Node ≥ 20 and in every browser.
 */
interface WebCrypto {
  getRandomValues<T extends Uint32Array>(array: T): T;
}
const webCrypto = (): WebCrypto => (globalThis as unknown as { crypto: WebCrypto }).crypto;

/** Secure 32-bit values drawn 256 at a time: one Web Crypto call per 256 values instead of one each. */
const pool = new Uint32Array(256);
let used = pool.length;
function nextSecureUint32(): number {
  if (used === pool.length) {
    webCrypto().getRandomValues(pool);
    used = 0;
  }
  const value = pool[used]!;
  pool[used++] = 0;
  return value;
}

/** `length` characters drawn from `alphabet`. */
export function drawCharacters(alphabet: string, length: number, random: RandomInt): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random(alphabet.length)];
  return out;
}
