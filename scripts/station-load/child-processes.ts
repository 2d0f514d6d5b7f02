/** The load tools' processes: TypeScript scripts run by Node with tsx, talking through JSON lines on stdout. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export const ROOT = path.join(__dirname, '..', '..');
export const SCRIPTS = __dirname;

/** One JSON object a process printed on a line of its stdout. */
export type JsonLine = Record<string, unknown>;

export interface ScriptProcess {
  child: ChildProcess;
  /** The next JSON line on stdout that `accept` takes (the lines before it are skipped). */
  nextJson<T>(accept: (value: JsonLine) => boolean, timeoutMs: number): Promise<T>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** The end of what the process wrote on stderr, for error messages. */
  stderrTail(): string;
}

const STDERR_TAIL = 4000;

export function runScript(script: string, args: string[], nodeOptions: string[] = []): ScriptProcess {
  const child = spawn(process.execPath, [...nodeOptions, '--require', 'tsx/cjs', path.join(SCRIPTS, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  const lines: JsonLine[] = [];
  let wake: (() => void) | null = null;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) lines.push(value as JsonLine);
    } catch {
      return;
    }
    wake?.();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => {
    resolve(code ?? signal ?? 'inconnu');
    wake?.();
  }));
  let exitCode: number | string | null = null;
  void exited.then((code) => { exitCode = code; });

  return {
    child,
    exited,
    stderrTail: () => stderr,
    async nextJson<T>(accept: (value: JsonLine) => boolean, timeoutMs: number): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = lines.findIndex(accept);
        if (index !== -1) return lines.splice(0, index + 1).pop() as T;
        if (exitCode !== null) throw new Error(`${script} s’est arrêté (${exitCode}) sans répondre :\n${stderr}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${script} n’a pas répondu en ${Math.round(timeoutMs / 1000)} s :\n${stderr}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 1000));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    },
  };
}

/** Asks a process to stop (SIGTERM), then kills it if it is still there after `graceMs`. */
export async function stopProcess(proc: ScriptProcess, graceMs = 15_000): Promise<number | string> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.exited;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}

/** The resident memory of a process in MB (VmRSS in /proc/PID/status), or null when it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; `max()` is the highest seen (MB). */
export function sampleRss(pid: () => number, everyMs = 200) {
  let max = 0;
  const sample = () => {
    const mb = residentMb(pid());
    if (mb !== null && mb > max) max = mb;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    max: () => max,
    stop: () => {
      sample();
      clearInterval(timer);
    },
  };
}

/** CPU time (user + system, seconds) a process has used so far, from /proc/PID/stat; null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: /proc times are in 1/100 s on every common kernel build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Time (seconds) a process's main thread waited for a processor while ready to run (/proc/PID/schedstat). */
export function runQueueSeconds(pid: number): number | null {
  try {
    const [, waitedNs] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(waitedNs) / 1e9;
  } catch {
    return null;
  }
}
