/**
 * Reads a stored enumerated column (a status, a kind, a validation) ONCE, in the repository, against the shared
 * zod enum that defines it: a value outside it is a corrupted row, refused with an exception naming the column
 * (a bug or a damaged file, not a user error), never cast and passed on. A Set lookup: no allocation per row.
 */
export function storedEnum<T extends string>(schema: { readonly options: readonly T[] }, column: string): (value: unknown) => T {
  const allowed = new Set<unknown>(schema.options);
  return (value) => {
    if (allowed.has(value)) return value as T;
    throw new Error(`Ligne incohérente en base : ${column} = ${JSON.stringify(value)} (attendu : ${schema.options.join(', ')}).`);
  };
}
