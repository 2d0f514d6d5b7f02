import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CandidateQuestions, CheckInAlert, IncidentInput, LiveCandidate, LiveSession } from '../../../shared/formats/console-api';
import type { ServerToConsole } from '../../../shared/formats/live-messages';
import { ROUTES } from '../../../shared/formats/routes';
import type { SessionStatus } from '../../../shared/formats/session';
import type { ApiClient, ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { errorKey } from '../../ui/i18n/translate';
import { newNeeds, orderBoard, pendingNeed } from './board-order';
export type CandidateQuestion = CandidateQuestions['questions'][number];
import { matchesName } from './name-search';

/**
 * The live board's store (issue 10 §1): the session's candidates as the station pushes them (`candidates` on
 * connection, `candidate` on each change), the search, the sound, and the invigilator's actions through the
 * typed client. The card of an action shows its refusal, worded by its code.
 */
export type CardAction = 'confirmPresence' | 'authoriseResume' | 'endTest' | 'extraTime' | 'incident' | 'checkInAlert';

export interface ActionProblem { candidateId: number | null; action: CardAction; key: MessageKey }

export interface BoardState {
  sessionId: number;
  /** Null until the first list arrives (socket or `GET …/live`). */
  sessionStatus: SessionStatus | null;
  checkInAlert: CheckInAlert | null;
  candidates: LiveCandidate[];
  query: string;
  muted: boolean;
  /** Actions sent and not answered yet, by candidate. */
  busy: Record<number, CardAction>;
  problem: ActionProblem | null;
  /** The last incident recorded (its candidate), for the confirmation line. */
  reported: { candidateId: number } | null;
  receive(message: ServerToConsole): void;
  load(): Promise<void>;
  setQuery(query: string): void;
  toggleMuted(): void;
  confirmPresence(candidateId: number): Promise<boolean>;
  authoriseResume(candidateId: number): Promise<boolean>;
  endTest(candidateId: number): Promise<boolean>;
  setExtraTime(candidateId: number, percent: number): Promise<boolean>;
  reportIncident(input: IncidentInput): Promise<boolean>;
  questions(candidateId: number): Promise<CandidateQuestion[] | null>;
  clearCheckInAlert(): Promise<boolean>;
}

/** The board of the session logged in, or none (main.tsx makes it at login, drops it at logout). */
export interface BoardHolder { board: StoreApi<BoardState> | null }

export interface BoardOptions {
  client: ApiClient;
  sessionId: number;
  /** The audible cue (a short tone); called when a pupil newly needs the invigilator and the sound is on. */
  chime: () => void;
  /** Where the sound choice is kept across reloads (`localStorage` in the page; one word, nothing personal). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/** The key of the kept sound choice: `"off"` when muted. */
export const SOUND_STORAGE_KEY = 'passation.console.sound';

function problemKey(error: ClientError): MessageKey {
  return error.kind === 'refused' ? errorKey(error.error.code) : 'board.actionUnreachable';
}

export function createBoardStore({ client, sessionId, chime, storage = null }: BoardOptions): StoreApi<BoardState> {
  const store = createStore<BoardState>((set, get) => {
    /** A new list (or one changed candidate): kept, and the chime if someone newly needs the invigilator. */
    const replace = (candidates: LiveCandidate[], extra: Partial<BoardState> = {}) => {
      const previous = get().candidates;
      set({ candidates, ...extra });
      // The first list is not news: only changes chime.
      if (get().sessionStatus !== null && previous.length > 0 && !get().muted && newNeeds(previous, candidates).length > 0) chime();
    };
    const upsert = (candidate: LiveCandidate) => {
      const list = get().candidates;
      const at = list.findIndex((c) => c.candidateId === candidate.candidateId);
      replace(at < 0 ? [...list, candidate] : list.map((c, i) => (i === at ? candidate : c)));
    };
    const whole = (session: LiveSession) => {
      if (session.sessionId !== sessionId) return;
      replace(session.candidates, { checkInAlert: session.checkInAlert });
      set({ sessionStatus: session.sessionStatus });
    };
    const act = async (candidateId: number, action: CardAction, run: () => Promise<{ ok: true; value: { candidate: LiveCandidate } } | { ok: false; error: ClientError }>) => {
      if (get().busy[candidateId]) return false;
      set({ busy: { ...get().busy, [candidateId]: action }, problem: null });
      const answer = await run();
      const { [candidateId]: _done, ...busy } = get().busy;
      set({ busy });
      if (!answer.ok) { set({ problem: { candidateId, action, key: problemKey(answer.error) } }); return false; }
      upsert(answer.value.candidate);
      return true;
    };
    const params = (candidateId: number) => ({ sessionId: sessionId, candidateId });
    return {
      sessionId,
      sessionStatus: null,
      checkInAlert: null,
      candidates: [],
      query: '',
      muted: storage?.getItem(SOUND_STORAGE_KEY) === 'off',
      busy: {},
      problem: null,
      reported: null,
      receive(message) {
        if (message.type === 'candidates') whole(message);
        else if (message.type === 'candidate' && message.sessionId === sessionId) upsert(message.candidate);
      },
      async load() {
        const answer = await client.call(ROUTES.live, { params: { sessionId: sessionId } });
        if (answer.ok) whole(answer.value);
      },
      setQuery(query) { set({ query }); },
      toggleMuted() {
        const muted = !get().muted;
        set({ muted });
        try { storage?.setItem(SOUND_STORAGE_KEY, muted ? 'off' : 'on'); } catch { /* storage full or refused: the choice holds until reload */ }
      },
      confirmPresence: (id) => act(id, 'confirmPresence', () => client.call(ROUTES.confirmPresence, { params: params(id), body: {} })),
      authoriseResume: (id) => act(id, 'authoriseResume', () => client.call(ROUTES.authoriseResume, { params: params(id), body: {} })),
      endTest: (id) => act(id, 'endTest', () => client.call(ROUTES.endTest, { params: params(id), body: {} })),
      setExtraTime: (id, percent) => act(id, 'extraTime', () => client.call(ROUTES.extraTime, { params: params(id), body: { extraTimePercent: percent } })),
      async reportIncident(input) {
        set({ problem: null, reported: null });
        const answer = await client.call(ROUTES.incidentCreate, { params: { sessionId: sessionId }, body: input });
        if (!answer.ok) { set({ problem: { candidateId: input.candidateId, action: 'incident', key: problemKey(answer.error) } }); return false; }
        set({ reported: { candidateId: input.candidateId } });
        return true;
      },
      async questions(id) {
        const answer = await client.call(ROUTES.questions, { params: params(id) });
        return answer.ok ? answer.value.questions : null;
      },
      async clearCheckInAlert() {
        const answer = await client.call(ROUTES.checkInAlertClear, { params: { sessionId: sessionId }, body: {} });
        if (!answer.ok) { set({ problem: { candidateId: null, action: 'checkInAlert', key: problemKey(answer.error) } }); return false; }
        set({ checkInAlert: null });
        return true;
      },
    };
  });
  return store;
}

/**
 * The cards to show, in board order. The search filters by name, but a pupil who needs the invigilator is never
 * hidden by it (issue 10 §1: a pending need is never hidden).
 */
export function visibleCards(state: Pick<BoardState, 'candidates' | 'query'>): LiveCandidate[] {
  return orderBoard(state.candidates.filter((c) => pendingNeed(c) !== null || matchesName(c, state.query)));
}
