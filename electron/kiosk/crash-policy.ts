/**
 * kiosk-lockdown §2 — relaunch: when the page's renderer dies (crash, OOM, killed), the shell reloads the page;
 * the page then says « appelez le surveillant » and resumes after authorisation (R-SESS-5), answers kept in
 * IndexedDB. Crashing again and again (MAX_RELOADS within RELOAD_WINDOW_MS) relaunches the whole shell; the shell
 * itself killed is restarted by the OS layer (systemd `Restart=always`, Shell Launcher's restart action).
 */
export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 60_000;

export type CrashAction = { action: 'reload'; recent: number[] } | { action: 'relaunch'; recent: number[] };

export function rendererGoneDecision(previousCrashesMs: readonly number[], nowMs: number): CrashAction {
  const recent = [...previousCrashesMs.filter((t) => nowMs - t < RELOAD_WINDOW_MS), nowMs];
  return recent.length > MAX_RELOADS ? { action: 'relaunch', recent: [] } : { action: 'reload', recent };
}
