import { canonicalize } from 'json-canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: the exact bytes that get hashed and signed (architecture §2).
 * Refuses what JSON cannot carry faithfully (undefined, NaN, Infinity) instead of silently dropping it.
 */
export function canonicalJson(value: unknown): string {
  assertJsonSafe(value, () => '(racine)');
  return canonicalize(value);
}

/** `path` is built only for the message of a refusal (this runs on every answer the station stores). */
function assertJsonSafe(value: unknown, path: () => string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path()} : nombre non représentable en JSON (${value})`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertJsonSafe(value[i], () => `${path()}[${i}]`);
    return;
  }
  if (typeof value === 'object') {
    for (const k in value as Record<string, unknown>) {
      if (!Object.hasOwn(value as object, k)) continue;
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) throw new TypeError(`${path()}.${k} : valeur undefined`);
      assertJsonSafe(v, () => `${path()}.${k}`);
    }
    return;
  }
  throw new TypeError(`${path()} : type non représentable en JSON (${typeof value})`);
}
