/**
 * One candidate kiosk, as the candidate interface drives the station (docs/delivery-api.md): pairs once, keeps
 * its live socket open, then for each candidate it is given checks in, waits for the invigilator (R-SESS-5),
 * starts and answers every challenge — at once, or after a human think time. Every answer is sent until the
 * station acknowledges it, with the same `clientAnswerId` (idempotent, R-VAL-4); a lost start or an entry the
 * station no longer accepts leads to a new check-in and a resumption authorised by the invigilator.
 */
import type WebSocket from 'ws';
import type { Answer } from '../../shared/formats/challenge';
import type { PreparedCandidate } from './prepare-station';
import type { LoadRecorder } from './load-recorder';
import { GaveUp, sleep, untilAnswered } from './retry';
import type { SimulatedInvigilator } from './simulated-invigilator';
import { createStationClient, type StationAddress, type StationClient, type StationResponse } from './station-client';

export interface KioskAssignment { invigilator: SimulatedInvigilator; candidate: PreparedCandidate }

export interface KioskBehaviour {
  /** Think time before each answer, ms (0 for a kiosk as fast as it can). */
  thinkMs: () => number;
  /** The answer this candidate gives to a challenge (right, wrong or "Je passe"). */
  answerFor: (challengeId: string) => Answer;
  /** False once the run is over: no new request is started. */
  running: () => boolean;
  /** Whether to reopen the live socket after it closed (the station restarted). */
  reconnect: () => boolean;
  /** How answers travel: on the live WebSocket (what the candidate interface does) or `POST /api/kiosk/answers`. */
  answersOver: 'socket' | 'http';
}

/** An answer sent on the socket and not acknowledged in this time is sent again. */
const SOCKET_ANSWER_TIMEOUT_MS = 15_000;

/** How long a kiosk waits for the live push before asking for its state itself. */
const PUSH_WAIT_MS = 2_000;
/** Refusals after which the candidate checks in again (the entry is used up or replaced). */
const REENTER_CODES = new Set(['entryAlreadyUsed', 'entryReplaced', 'entryNotStarted', 'notAuthorised', 'entryUnknown']);
const ENDED_STATES = new Set(['completed', 'endedByInvigilator', 'endedDueToFinalisation', 'resumeExpired']);

type Sitting = 'completed' | 'stopped' | 'reenter';

export class SimulatedKiosk {
  readonly client: StationClient;
  private token = '';
  private live: WebSocket | null = null;
  private pushWaiters: (() => void)[] = [];
  /** Answers sent on the socket and waiting for their reply, by clientAnswerId. */
  private answerWaiters = new Map<string, (reply: StationResponse | null) => void>();
  kioskId = 0;
  pushes = 0;

  constructor(readonly index: number, private readonly address: StationAddress, localAddress: string,
    private readonly behaviour: KioskBehaviour, private readonly recorder: LoadRecorder) {
    this.client = createStationClient(address, localAddress);
  }

  async pair(invigilator: SimulatedInvigilator): Promise<void> {
    const code = await invigilator.pairingCode();
    const paired = await this.client.request('POST', '/api/kiosk/pair', { body: { code, name: `Poste simulé ${this.index + 1}` } });
    if (paired.status !== 201) throw new Error(`appairage du poste ${this.index + 1} : ${paired.status} ${paired.text}`);
    if (paired.json.certificateFingerprint !== this.address.fingerprint) throw new Error('empreinte du certificat différente de celle de /api/health');
    this.token = paired.json.deviceToken;
    this.kioskId = paired.json.kioskId;
  }

  /** Opens the live socket; resolves once the station said hello. */
  openLive(): Promise<void> {
    return new Promise((resolve) => {
      const socket = this.client.socket('/api/kiosk/live', this.token);
      this.live = socket;
      let greeted = false;
      socket.on('message', (data) => {
        if (!greeted) {
          greeted = true;
          resolve();
          return;
        }
        const text = String(data);
        if (text.startsWith('{"type":"answer')) {
          this.answerReply(text);
          return;
        }
        this.pushes++;
        const waiters = this.pushWaiters;
        this.pushWaiters = [];
        for (const wake of waiters) wake();
      });
      socket.on('error', () => {});
      socket.on('close', () => {
        if (!greeted) resolve();
        // What was sent on this socket and not acknowledged is sent again (the station may have stopped).
        const waiting = [...this.answerWaiters.values()];
        this.answerWaiters.clear();
        for (const wake of waiting) wake(null);
        if (this.live === socket && this.behaviour.reconnect()) setTimeout(() => void this.openLive(), 300);
      });
    });
  }

  close(): void {
    const socket = this.live;
    this.live = null;
    socket?.close();
    this.client.close();
  }

  /** Sits one candidate's whole test (or until the run ends). */
  async sit(assignment: KioskAssignment): Promise<void> {
    try {
      while (this.behaviour.running()) {
        const outcome = await this.enterAndAnswer(assignment);
        if (outcome !== 'reenter') return;
        this.recorder.count('reentries');
      }
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
    }
  }

  private async enterAndAnswer({ invigilator, candidate }: KioskAssignment): Promise<Sitting> {
    let stepStart = performance.now();
    const stepDone = (name: string) => {
      const now = performance.now();
      this.recorder.step(name, now - stepStart);
      stepStart = now;
    };
    const checkedIn = await this.send('POST', '/api/kiosk/check-in', undefined, {
      sessionNumber: invigilator.session.sessionNumber, lastName: candidate.lastName, firstName: candidate.firstName,
      birthDate: candidate.birthDate, accessCode: invigilator.session.accessCode,
    });
    if (checkedIn.status !== 200) return this.refused('check-in', checkedIn);
    stepDone('checkIn');
    const entry: string = checkedIn.json.entryToken;
    const state: string = checkedIn.json.state.state;
    if (ENDED_STATES.has(state)) return 'completed';

    // R-SESS-5 — the invigilator confirms the presence (first entry) or authorises the resumption (re-entry).
    const waitForPush = this.nextPush();
    if (state === 'waitingForPresence') {
      if (await invigilator.confirmPresence(candidate.candidateId) === 'resume') return 'reenter';
    } else if (state === 'waitingForResume') {
      await invigilator.authoriseResume(candidate.candidateId);
      this.recorder.count('resumesAuthorised');
    }
    stepDone('invigilator');
    await waitForPush();
    stepDone('push');

    const started = await this.send('POST', '/api/kiosk/start', entry, {});
    stepDone('start');
    if (started.status !== 200) {
      const code = started.json?.error?.code;
      if (code === 'testEnded') return 'completed';
      if (REENTER_CODES.has(code)) return 'reenter';
      return this.refused('start', started);
    }
    this.recorder.count(started.json.answeredChallengeIds.length > 0 ? 'testsResumed' : 'testsStarted');
    return this.answerAll(candidate, entry, started.json.challenges, new Set(started.json.answeredChallengeIds));
  }

  private async answerAll(candidate: PreparedCandidate, entry: string, challenges: { challengeId: string }[], answered: Set<string>): Promise<Sitting> {
    for (const { challengeId } of challenges) {
      if (answered.has(challengeId)) continue;
      const think = this.behaviour.thinkMs();
      if (think > 0) await sleep(think);
      if (!this.behaviour.running()) return 'stopped';
      const body = {
        challengeId,
        answer: this.behaviour.answerFor(challengeId),
        clientAnswerId: `c${candidate.candidateId}-${challengeId}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
        elapsedMs: think,
        timedOut: false,
        focusLost: false,
      };
      const sentAt = performance.now();
      let retried = false;
      const response = await untilAnswered(
        () => this.behaviour.answersOver === 'socket'
          ? this.answerOnSocket(entry, body)
          : this.client.request('POST', '/api/kiosk/answers', { token: this.token, headers: { 'x-passation-entry': entry }, body }),
        this.behaviour.running, () => { retried = true; this.recorder.count('retries'); });
      if (response.status !== 200) {
        if (REENTER_CODES.has(response.json?.error?.code)) return 'reenter';
        return this.refused('answer', response);
      }
      this.recorder.acknowledged({ candidateId: candidate.candidateId, challengeId, clientAnswerId: body.clientAnswerId, ack: response.text },
        retried ? null : performance.now() - sentAt, sentAt);
      if (response.json.testCompleted) {
        this.recorder.count('testsCompleted');
        return 'completed';
      }
    }
    return 'completed';
  }

  /**
   * One answer on the live socket, as an HTTP-like response: `answerSaved` → 200 with the acknowledgement's exact
   * bytes as `text`; `answerRefused` → its status and error. Rejects when the socket is not open, closes before
   * the reply, or the reply does not come in time: the caller sends it again.
   */
  private answerOnSocket(entryToken: string, body: { clientAnswerId: string }): Promise<StationResponse> {
    const socket = this.live;
    if (!socket || socket.readyState !== socket.OPEN) return Promise.reject(new Error('socket du poste fermée'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.answerWaiters.delete(body.clientAnswerId);
        reject(new Error('pas d’accusé sur la socket'));
      }, SOCKET_ANSWER_TIMEOUT_MS);
      this.answerWaiters.set(body.clientAnswerId, (reply) => {
        clearTimeout(timer);
        if (reply) resolve(reply);
        else reject(new Error('socket fermée avant l’accusé'));
      });
      socket.send(JSON.stringify({ type: 'answer', entryToken, body }));
    });
  }

  private answerReply(text: string): void {
    // oxlint-disable-next-line typescript/no-explicit-any -- the documented reply shapes (docs/delivery-api.md)
    const message: any = JSON.parse(text);
    const wake = this.answerWaiters.get(message.clientAnswerId);
    if (!wake) return;
    this.answerWaiters.delete(message.clientAnswerId);
    if (message.type === 'answerSaved') {
      // The acknowledgement exactly as the station sent it (it is compared byte for byte with the database).
      const ackStart = text.indexOf(',"ack":') + ',"ack":'.length;
      wake({ status: 200, text: text.slice(ackStart, -1), json: message.ack });
    } else {
      wake({ status: message.status, text, json: message });
    }
  }

  private send(method: string, path: string, entry: string | undefined, body: unknown): Promise<StationResponse> {
    return untilAnswered(
      () => this.client.request(method, path, { token: this.token, body, ...(entry ? { headers: { 'x-passation-entry': entry } } : {}) }),
      this.behaviour.running, () => this.recorder.count('retries'));
  }

  /**
   * Listens for the next live push to this kiosk from now on (so that a push sent while the invigilator's action
   * is still being answered is not missed); the returned function waits for it, at most PUSH_WAIT_MS from then.
   * The push is a hint: the HTTP answers are the truth, so a kiosk that waited in vain carries on.
   */
  private nextPush(): () => Promise<void> {
    let arrived = false;
    let wake: (() => void) | null = null;
    this.pushWaiters.push(() => {
      arrived = true;
      wake?.();
    });
    return () => (arrived ? Promise.resolve() : new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.recorder.count('pushWaitsTimedOut');
        resolve();
      }, PUSH_WAIT_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }));
  }

  private refused(step: string, response: StationResponse): Sitting {
    this.recorder.error(`${step} ${response.status} ${response.json?.error?.code ?? response.text.slice(0, 80)}`);
    return 'stopped';
  }
}
