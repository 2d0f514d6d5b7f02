import { z } from 'zod';

// Messages from the schemas reach teachers and IT staff: French by default.
z.config(z.locales.fr());

/** One problem in a document, with the path of the bad field (`challenges[3].solution.choice`). */
export interface FieldError { path: string; message: string }
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Formats a zod path as `a[0].b`; the root is `(racine)`. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(racine)' : out;
}

/** Validates `data` against `schema`: errors are values naming the path of every bad field. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, prefix = ''): ParseResult<z.infer<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => ({ path: formatPath(issue.path, prefix), message: issue.message })) };
}

/** One line per error, `path : message`. */
export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path} : ${e.message}`).join('\n');
}
