import { err, ok, type Result } from '../../shared/result';

/** The authority's passphrase: `--passphrase`, else this variable. Never written to disk. */
export const PASSPHRASE_VARIABLE = 'PASSATION_AUTHORITY_PASSPHRASE';
export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseProblem = 'missing' | 'tooShort';

/** Which passphrase applies (the option wins), and whether it is long enough to protect a key (`init` checks length). */
export function choosePassphrase(option: string | undefined, env: Record<string, string | undefined>, checkLength: boolean): Result<string, PassphraseProblem> {
  const value = option ?? env[PASSPHRASE_VARIABLE];
  if (value === undefined || value === '') return err('missing');
  if (checkLength && [...value].length < MIN_PASSPHRASE_LENGTH) return err('tooShort');
  return ok(value);
}
