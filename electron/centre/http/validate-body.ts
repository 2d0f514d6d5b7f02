import type { z } from 'zod';
import { formatPath } from '../../../shared/formats/parse';

// The French 400 of a body that failed its schema (register-route.ts validates every table route's body with
// these; the kiosk's socket answers say the same): the first bad field as `a.b[0].c`, every bad field listed.

/** Every problem of a body that failed its schema, by path; a missing field reads « champ obligatoire ». */
export function fieldErrors(error: z.ZodError, body: unknown): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: valueAt(body, issue.path) === undefined && issue.code === 'invalid_type' ? 'champ obligatoire' : issue.message,
  }));
}

/** The French sentence naming the first bad field (the same over HTTP and on the kiosk's socket). */
export function invalidFieldMessage(first: { field: string; message: string }): string {
  return first.field === '(racine)' ? `Requête invalide : ${first.message}.` : `Champ « ${first.field} » invalide : ${first.message}.`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
