/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes that get hashed and signed (architecture §2).
 * Refuses what JSON cannot carry faithfully (undefined, NaN, Infinity, functions…) instead of silently dropping it.
 *
 * Written here rather than taken from json-canonicalize (which gave the same bytes): that library builds the path
 * of every value as a string and keeps a WeakMap of visited objects, ≈ 10 times slower on a 377 KB results
 * document (22 ms), and this runs on every answer the station stores and on every bundle the platform receives.
 * Strings and numbers are written by JSON.stringify, which is what RFC 8785 §3.2.2 specifies (ECMAScript's
 * serialisation); object keys are sorted by UTF-16 code units (§3.2.3: Array.prototype.sort's default order).
 * `canonical-json.test.ts` checks it against json-canonicalize on thousands of random values.
 */
export function canonicalJson(value: unknown): string {
  return write(value, null, '');
}

/** `parent` and `key` name where a refused value sits, built only for the message (never on the way). */
function write(value: unknown, parent: PathLink | null, key: string | number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${pathOf(parent, key)} : nombre non représentable en JSON (${value})`);
      return JSON.stringify(value);
    case 'object': {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
      const link: PathLink = { parent, key };
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += write(value[i], link, i);
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const v = record[k];
        if (v === undefined) throw new TypeError(`${pathOf(link, k)} : valeur undefined`);
        if (i > 0) out += ',';
        out += JSON.stringify(k) + ':' + write(v, link, k);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`${pathOf(parent, key)} : type non représentable en JSON (${typeof value})`);
  }
}

interface PathLink {
  parent: PathLink | null;
  key: string | number;
}

/** `(racine).a[1].b` */
function pathOf(parent: PathLink | null, key: string | number): string {
  if (parent === null) return '(racine)';
  const base = pathOf(parent.parent, parent.key);
  return typeof key === 'number' ? `${base}[${key}]` : `${base}.${key}`;
}

/**
 * Whether `text` is exactly `canonicalJson(value)`, without building that text when it can be avoided: when every
 * object's keys already come in RFC 8785's order (Object.keys order, which JSON.stringify follows) and the value
 * holds nothing JSON cannot carry, canonicalJson(value) is JSON.stringify(value) — the same primitives written
 * the same way, the same key order — so the engine's native serialiser does the comparison (≈ 10 times faster on
 * a results document). Otherwise (keys out of order, keys JavaScript lists first because they look like array
 * indices, a value to refuse) it falls back to building canonicalJson(value), which throws as it does.
 */
export function isCanonicalText(value: unknown, text: string): boolean {
  return inCanonicalOrder(value) ? JSON.stringify(value) === text : canonicalJson(value) === text;
}

/** Every object's own keys in ascending UTF-16 order, and only what JSON carries faithfully. */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i])) return false;
        return true;
      }
      const record = value as Record<string, unknown>;
      let previous: string | null = null;
      // for…in lists the own keys in Object.keys order, with no array to allocate (≈ half the walk's time on a
      // results document), then any enumerable inherited ones: those can only make the check fail, to the exact path.
      for (const k in record) {
        if (previous !== null && !(previous < k)) return false;
        const v = record[k];
        if (v === undefined || !inCanonicalOrder(v)) return false;
        previous = k;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Whether two values have the same canonical form — `canonicalJson(a) === canonicalJson(b)` — by walking them side
 * by side instead of writing both texts (the platform compares each candidate's redrawn test and rescored result
 * with the centre's this way). Only a walk that finds both equal, and nothing but JSON in them, answers; any
 * difference, or a value canonicalJson refuses (undefined, NaN, a function, an object with toJSON), goes to the
 * comparison of both texts, which throws as it always did.
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  return sameJson(a, b) || canonicalJson(a) === canonicalJson(b);
}

/** Both the same JSON value (object keys in any order): true only when sure. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === null) return b === null;
  switch (typeof a) {
    case 'string':
    case 'boolean':
      return a === b;
    case 'number':
      return Number.isFinite(a) && a === b; // 0 and -0 are both written 0
    case 'object': {
      if (typeof b !== 'object' || b === null) return false;
      if (typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') return false;
      if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
        return true;
      }
      if (Array.isArray(b)) return false;
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      for (const k of keys) {
        if (!Object.hasOwn(y, k) || x[k] === undefined || !sameJson(x[k], y[k])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
