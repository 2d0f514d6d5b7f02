import { STATION_V8_FLAGS } from '../centre/station-runner';

/**
 * The station's memory limits (README « Memory », docs/benchmarks.md): V8's old space at 192 MB and its semi-space
 * at 8 MB, as the headless station (`npm start`) runs. In Electron the main process takes V8 flags from its own
 * command line only: `app.commandLine.appendSwitch('js-flags', …)` reaches the renderers, not the main process
 * that runs the server (electron-builder issue #3781, Electron's « --js-flags » switch). So a shell started without
 * them relaunches itself once with `--js-flags=…` (the `npm start` launcher passes them and never relaunches);
 * on Linux the relaunch also sets glibc's `MALLOC_TRIM_THRESHOLD_`.
 */
export const STATION_JS_FLAGS = STATION_V8_FLAGS;
/** Set in the relaunched process's environment: it never relaunches twice. */
export const RELAUNCHED_ENV = 'PASSATION_STATION_RELAUNCHED';

export type MemoryDecision =
  | { action: 'continue' }
  | { action: 'relaunch'; args: string[]; env: Record<string, string> }
  | { action: 'continueWithoutLimits'; warning: string };

/** The value of the last `--js-flags` switch on a command line, or null. */
export function jsFlagsOf(argv: readonly string[]): string | null {
  let value: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg.startsWith('--js-flags=')) value = arg.slice('--js-flags='.length);
    else if (arg === '--js-flags' && i + 1 < argv.length) value = argv[++i]!;
  }
  return value;
}

function hasLimits(flags: string | null): boolean {
  if (flags === null) return false;
  const words = flags.split(/\s+/);
  return STATION_JS_FLAGS.split(' ').every((flag) => words.includes(flag));
}

/** `argv` is `process.argv` (Electron's binary first). */
export function memoryDecision(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): MemoryDecision {
  if (hasLimits(jsFlagsOf(argv))) return { action: 'continue' };
  if (env[RELAUNCHED_ENV] === '1') {
    return { action: 'continueWithoutLimits', warning: `relancé sans les limites de mémoire (${STATION_JS_FLAGS}) : le poste continue avec celles de V8 par défaut` };
  }
  const others: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--js-flags') i++;
    else if (!argv[i]!.startsWith('--js-flags=')) others.push(argv[i]!);
  }
  return {
    action: 'relaunch',
    args: [...others, `--js-flags=${STATION_JS_FLAGS}`],
    env: { [RELAUNCHED_ENV]: '1', ...(platform === 'linux' && env.MALLOC_TRIM_THRESHOLD_ === undefined ? { MALLOC_TRIM_THRESHOLD_: '65536' } : {}) },
  };
}
