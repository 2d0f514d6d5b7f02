import { app, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { BridgeRefusal, KioskShellStatus, ShellLockdownEvent, TechnicianRefusal } from '../../shared/formats/kiosk-bridge';
import { err, ok, type Result } from '../../shared/result';
import { NO_ATTEMPTS, verifyAdminCode } from './admin-code';
import { attachmentDecision, type AttachmentPlan } from './attachments';
import { KioskChannel } from './ipc-channels';
import { isTrustedSender } from './ipc-sender';
import type { ShellContext } from './shell-context';
import { technicianTry } from './technician-access';
import type { TechnicianAction } from './technician-log';

/** What the IPC handlers need from the rest of the shell (kept narrow so the wiring test can give fakes). */
export interface IpcDeps {
  shell: ShellContext;
  kioskContents: () => WebContents | null;
  isFullscreen: () => boolean;
  pendingEvents: () => readonly ShellLockdownEvent[];
  acknowledge: (ids: string[]) => void;
  open: (plan: AttachmentPlan) => Promise<Result<{ application: string }, BridgeRefusal>>;
  technicianExit: () => void;
  /** « Appairer de nouveau »: remove the device token, log, relaunch into the pairing page (or say why not). */
  technicianRepairing: () => Result<void, TechnicianRefusal>;
  /** Every try of the admin code and what came of it (technician-log.ts). */
  technicianLog: (action: TechnicianAction, outcome: Result<void, TechnicianRefusal>) => void;
  clock?: () => number;
}

const REFUSED: BridgeRefusal = { code: 'untrustedSender', message: 'Appel refusé : il ne vient pas de la page de la station.' };

/** Every handler first checks its sender (kiosk-lockdown §2): the kiosk window's top frame on the station's origin. */
export function setupIpc(deps: IpcDeps): { subscriber: () => WebContents | null } {
  const { shell, clock = Date.now } = deps;
  let subscriber: WebContents | null = null;
  let attempts = NO_ATTEMPTS;
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent) => {
    const contents = deps.kioskContents();
    return contents !== null && event.sender === contents && isTrustedSender(
      { frameUrl: event.senderFrame?.url ?? null, isKioskMainFrame: event.senderFrame === contents.mainFrame }, shell.station.origin);
  };

  ipcMain.handle(KioskChannel.Status, (event): KioskShellStatus => {
    if (!trusted(event)) throw new Error(REFUSED.message);
    return {
      shellVersion: shell.shellVersion,
      attestation: { active: true, buildHash: shell.credentials.buildHash, configHash: shell.credentials.configHash },
      stationOrigin: shell.station.origin,
      fullscreen: deps.isFullscreen(),
    };
  });

  ipcMain.on(KioskChannel.SubscribeLockdownEvents, (event) => {
    if (!trusted(event)) return;
    subscriber = event.sender;
    for (const e of deps.pendingEvents()) event.sender.send(KioskChannel.LockdownEvent, e);
  });
  ipcMain.on(KioskChannel.AcknowledgeLockdownEvents, (event, ids: unknown) => {
    if (!trusted(event) || !Array.isArray(ids)) return;
    deps.acknowledge(ids.filter((id): id is string => typeof id === 'string').slice(0, 1000));
  });

  ipcMain.handle(KioskChannel.OpenAttachment, async (event, request: unknown) => {
    if (!trusted(event)) return err(REFUSED);
    const plan = attachmentDecision(request, shell.station.origin, shell.config.permittedApplications);
    return plan.ok ? deps.open(plan.value) : plan;
  });

  // Issue 8 §6: the exit and the re-pairing share one lockout (`attempts`).
  const adminCodeTry = (request: unknown): Result<void, TechnicianRefusal> => {
    const tried = technicianTry(attempts, clock(), request, (code) => verifyAdminCode(code, shell.config.adminCodeHash));
    attempts = tried.next;
    return tried.outcome;
  };
  ipcMain.handle(KioskChannel.TechnicianExit, (event, request: unknown) => {
    if (!trusted(event)) return err(REFUSED);
    const accepted = adminCodeTry(request);
    deps.technicianLog('exit', accepted);
    if (!accepted.ok) return accepted;
    deps.technicianExit();
    return ok({ exiting: true as const });
  });
  ipcMain.handle(KioskChannel.TechnicianRepairing, (event, request: unknown) => {
    if (!trusted(event)) return err(REFUSED);
    const accepted = adminCodeTry(request);
    const repairing = accepted.ok ? deps.technicianRepairing() : accepted;
    deps.technicianLog('repairing', repairing);
    return repairing.ok ? ok({ relaunching: true as const }) : repairing;
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  return { subscriber: () => subscriber };
}
