import { shellEvent, type ObservedEvent } from './shell-event';

/**
 * kiosk-lockdown §2 — "suspected remote session": the centre suspends (its policy), so only strong evidence
 * counts: a Remote Desktop session on Windows (`SESSIONNAME=RDP-…`), an SSH or XRDP session or a forwarded X
 * display on Linux, or a remote-control program running (TeamViewer, AnyDesk, VNC servers…).
 */
export const REMOTE_CONTROL_PROGRAMS: readonly string[] = [
  'teamviewer', 'teamviewer_service', 'anydesk', 'rustdesk', 'x11vnc', 'xvnc', 'vncserver', 'winvnc', 'tvnserver',
  'vncserver-x11', 'remoting_host', 'chrome-remote-desktop-host', 'screenconnect.clientservice', 'ammyy_admin',
  'logmein', 'srserver', 'nxserver', 'nxnode', 'xrdp', 'supremo', 'aa_v3',
];

export interface SessionObservation {
  platform: 'win32' | 'linux' | 'darwin';
  env: Readonly<Record<string, string | undefined>>;
  /** Names of the running processes (without path); empty when the glue could not list them. */
  processNames: readonly string[];
}

export function remoteSessionEvidence(o: SessionObservation): string[] {
  const evidence: string[] = [];
  const sessionName = o.env.SESSIONNAME ?? '';
  if (o.platform === 'win32' && /^rdp-/i.test(sessionName)) evidence.push(`session Bureau à distance (${sessionName})`);
  if (o.platform !== 'win32') {
    if (o.env.SSH_CONNECTION || o.env.SSH_CLIENT || o.env.SSH_TTY) evidence.push('lancé depuis une session SSH');
    if (o.env.XRDP_SESSION || o.env.XRDP_SOCKET_PATH) evidence.push('session XRDP');
    const display = o.env.DISPLAY ?? '';
    if (o.platform === 'linux' && display !== '' && !display.startsWith(':') && !display.startsWith('unix:')) evidence.push(`affichage X distant (DISPLAY=${display})`);
  }
  const running = new Set(o.processNames.map((p) => p.toLowerCase().replace(/\.exe$/, '')));
  for (const program of REMOTE_CONTROL_PROGRAMS) if (running.has(program)) evidence.push(`logiciel de prise en main à distance : ${program}`);
  return evidence;
}

export function remoteSessionEvents(o: SessionObservation, atMs: number): ObservedEvent[] {
  const evidence = remoteSessionEvidence(o);
  if (evidence.length === 0) return [];
  return [shellEvent('remoteSessionSuspected', `session à distance soupçonnée : ${evidence.slice(0, 3).join(' ; ')}`.slice(0, 200), atMs, { evidenceCount: evidence.length })];
}
