/**
 * The one result type: errors are values at boundaries (style.md), exceptions only for bugs.
 * The server's stores and domain functions, the screens' client and the parsers all return it.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
