import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../shared/result';
import { HttpError } from '../http/http-error';
import { refuse, refuseInvalid } from '../storage/refusal';
import { httpErrorOf, REFUSAL_STATUS, valueOrThrow } from './refusal-http';

describe('the edge: a refusal code becomes its HTTP status (docs/centre-api.md, docs/delivery-api.md)', () => {
  it('the statuses the API documents', () => {
    expect([REFUSAL_STATUS.invalid, REFUSAL_STATUS.notFound, REFUSAL_STATUS.duplicateSession, REFUSAL_STATUS.inUse]).toEqual([400, 404, 409, 409]);
    expect([REFUSAL_STATUS.entryMissing, REFUSAL_STATUS.notAuthorised, REFUSAL_STATUS.checkInLimited, REFUSAL_STATUS.notSaved]).toEqual([401, 403, 429, 500]);
  });

  it('keeps the code, the French message, the field, every error and the retry delay', () => {
    const limited = httpErrorOf(refuse('checkInLimited', 'sessionNumber', 'Trop de tentatives.', { retryAfterSeconds: 30 }).error);
    expect([limited.statusCode, limited.extra.headers]).toEqual([429, { 'retry-after': '30' }]);
    expect(limited.body).toEqual({ error: { code: 'checkInLimited', message: 'Trop de tentatives.', field: 'sessionNumber' } });
    const invalid = httpErrorOf(refuseInvalid('Candidat invalide.', [{ path: 'birthplace.code', message: 'code INSEE attendu' }, { path: 'sex', message: 'M ou F' }]).error);
    expect([invalid.statusCode, invalid.body]).toEqual([400, { error: {
      code: 'invalid', message: 'Candidat invalide. birthplace.code : code INSEE attendu', field: 'birthplace.code',
      errors: [{ field: 'birthplace.code', message: 'code INSEE attendu' }, { field: 'sex', message: 'M ou F' }],
    } }]);
    expect(httpErrorOf(refuse('duplicateSession', null, 'Déjà prise.').error).body).toEqual({ error: { code: 'duplicateSession', message: 'Déjà prise.' } });
  });

  it('valueOrThrow: the value, or the refusal thrown as an HttpError', () => {
    expect(valueOrThrow(ok(3))).toBe(3);
    expect(() => valueOrThrow(err({ code: 'testEnded' as const, message: 'Fini.' }))).toThrow(HttpError);
  });
});
