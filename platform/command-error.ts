/** A failure the user can act on: printed in French on stderr, exit code 1 (2 for usage), like `passation`. */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** What a command writes and reads from its surroundings (the tests pass their own). */
export interface CommandIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  /** Now, for validity dates and records. */
  now: () => Date;
}
