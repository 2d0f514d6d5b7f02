import fs from 'node:fs';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** A CLI failure the user can act on: printed in French, exit code 1 (2 for usage). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Reads a JSON file; a syntax error names the line and column. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${file} : lecture impossible (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} : JSON invalide${locateSyntaxError(text)} — ${(error as Error).message}`);
  }
}

/** Node 20's JSON.parse does not always say where it failed: jsonc-parser (strict options) finds the offset. */
function locateSyntaxError(text: string): string {
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return '';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return ` à la ligne ${line}, colonne ${column} (${printParseErrorCode(first.error)})`;
}
