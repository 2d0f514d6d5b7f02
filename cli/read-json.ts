import fs from 'node:fs';

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
    throw new CliError(`${file} : JSON invalide${positionOf(text, (error as Error).message)} — ${(error as Error).message}`);
  }
}

function positionOf(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return '';
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` à la ligne ${line}, colonne ${column}`;
}
