import fs from 'node:fs';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium-options';

/**
 * Chromium on a persistent profile directory, for the power-cut proof (issue 8, Proof): the same browser and
 * flags as every e2e test (chromium-options.ts: Debian's Chromium, the station trusted by its SPKI), launched with
 * `chromium.launchPersistentContext(profileDir)`; its browser process can be killed with SIGKILL (no shutdown,
 * no flush: a power cut as far as the profile is concerned) and launched again on the same profile.
 *
 * The browser's pid is found from /proc: the one process whose command line holds `--user-data-dir=<profileDir>`
 * and no `--type=` (Chromium's renderers, GPU and utility processes all have one). Linux only, like the CI.
 */
export interface PersistentBrowser {
  readonly profileDir: string;
  /** The running context (a new one after each relaunch). */
  context(): BrowserContext;
  /** The browser process's pid, or null when none runs on this profile. */
  browserPid(): number | null;
  /** SIGKILL to the browser process, then waits until no process of this profile is left. */
  kill(): Promise<void>;
  /** Launches again on the same profile (after kill or close). */
  relaunch(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export interface PersistentBrowserOptions {
  viewport?: { width: number; height: number };
  locale?: string;
}

/** Every process started on this profile: [pid, is the browser process]. */
function profileProcesses(profileDir: string): { pid: number; browser: boolean }[] {
  const flag = `--user-data-dir=${profileDir}`;
  const found: { pid: number; browser: boolean }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes(flag)) found.push({ pid: Number(entry), browser: !args.some((a) => a.startsWith('--type=')) });
  }
  return found;
}

export async function launchPersistentBrowser(profileDir: string, options: PersistentBrowserOptions = {}): Promise<PersistentBrowser> {
  fs.mkdirSync(profileDir, { recursive: true });
  const launch = () => chromium.launchPersistentContext(profileDir, {
    ...chromiumLaunchOptions(), headless: true,
    viewport: options.viewport ?? { width: 1366, height: 768 }, locale: options.locale ?? 'fr-FR',
  });
  let current: BrowserContext | null = await launch();

  const browserPid = () => profileProcesses(profileDir).find((p) => p.browser)?.pid ?? null;
  return {
    profileDir,
    context() {
      if (current === null) throw new Error('navigateur arrêté : relaunch() d’abord');
      return current;
    },
    browserPid,
    async kill() {
      const pid = browserPid();
      if (pid === null) throw new Error(`aucun navigateur ne tourne sur ${profileDir}`);
      const closed = current === null ? Promise.resolve() : new Promise<void>((resolve) => current!.once('close', () => resolve()));
      process.kill(pid, 'SIGKILL');
      await closed;
      current = null;
      // Its renderers and helpers notice their parent's death and exit; wait for the last one.
      for (let i = 0; i < 100 && profileProcesses(profileDir).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      const left = profileProcesses(profileDir);
      if (left.length > 0) throw new Error(`processus du profil encore vivants après SIGKILL : ${left.map((p) => p.pid).join(', ')}`);
    },
    async relaunch() {
      if (current !== null) throw new Error('le navigateur tourne encore : kill() ou close() d’abord');
      current = await launch();
      return current;
    },
    async close() {
      if (current !== null) await current.close();
      current = null;
    },
  };
}
