/**
 * The invigilator of one session, through the console API: logs in (before the measured window: a login costs
 * a deliberately slow password check), watches the live socket, creates pairing codes, confirms presences and
 * authorises resumptions. Every action is retried while the station is down; refusals that mean "already done"
 * count as done.
 */
import type WebSocket from 'ws';
import type { PreparedSession } from './prepare-station';
import { untilAnswered } from './retry';
import { createStationClient, type StationAddress, type StationClient } from './station-client';

export interface InvigilatorOptions {
  keepTrying: () => boolean;
  onRetry: () => void;
  /** Reopen the live socket when it closes (the station restarted). */
  reconnect: () => boolean;
}

/** The simulated invigilator acts for hundreds of kiosks at once: its actions must not queue behind each other. */
const INVIGILATOR_CONNECTIONS = 32;

export class SimulatedInvigilator {
  private token = '';
  private live: WebSocket | null = null;
  readonly client: StationClient;
  /** Live messages received (one per change of a candidate of the session). */
  pushes = 0;

  constructor(readonly session: PreparedSession, address: StationAddress, localAddress: string, private readonly options: InvigilatorOptions) {
    this.client = createStationClient(address, localAddress, INVIGILATOR_CONNECTIONS);
  }

  async login(): Promise<void> {
    const response = await untilAnswered(() => this.client.request('POST', '/api/console/login', {
      body: { sessionNumber: this.session.sessionNumber, password: this.session.invigilatorPassword },
    }), this.options.keepTrying, this.options.onRetry);
    if (response.status !== 200) throw new Error(`connexion du surveillant (session ${this.session.sessionNumber}) : ${response.status} ${response.text}`);
    this.token = response.json.token;
    this.watch();
  }

  private watch(): void {
    const socket = this.client.socket('/api/console/live', this.token);
    this.live = socket;
    socket.on('message', () => { this.pushes++; });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.live === socket && this.options.reconnect()) setTimeout(() => this.watch(), 300);
    });
  }

  async pairingCode(): Promise<string> {
    const response = await this.act('POST', '/api/console/pairing-codes');
    if (response.status !== 200 && response.status !== 201) throw new Error(`code d’appairage : ${response.status} ${response.text}`);
    return response.json.code;
  }

  /** R-SESS-5 — 'done', or 'resume' when the candidate's test already exists (a start whose answer was lost). */
  async confirmPresence(candidateId: number): Promise<'done' | 'resume'> {
    const response = await this.act('POST', `/api/console/sessions/${this.session.sessionId}/candidates/${candidateId}/confirm-presence`);
    if (response.status === 200 || response.json?.error?.code === 'alreadyConfirmed') return 'done';
    if (response.json?.error?.code === 'testAlreadyStarted') return 'resume';
    throw new Error(`confirmation de présence : ${response.status} ${response.text}`);
  }

  async authoriseResume(candidateId: number): Promise<void> {
    const response = await this.act('POST', `/api/console/sessions/${this.session.sessionId}/candidates/${candidateId}/authorise-resume`);
    if (response.status === 200 || response.json?.error?.code === 'nothingToResume') return;
    throw new Error(`autorisation de reprise : ${response.status} ${response.text}`);
  }

  close(): void {
    const socket = this.live;
    this.live = null;
    socket?.close();
    this.client.close();
  }

  private act(method: string, path: string) {
    return untilAnswered(() => this.client.request(method, path, { token: this.token, body: {} }), this.options.keepTrying, this.options.onRetry);
  }
}
