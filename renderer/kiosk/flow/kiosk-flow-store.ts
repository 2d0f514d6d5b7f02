import { createStore, type StoreApi } from 'zustand/vanilla';
import { ENTRY_TOKEN_HEADER, type KioskAsset, type KioskCheckInAnswer, type KioskState, type KioskTest } from '../../../shared/formats/kiosk-api';
import type { KioskBridge } from '../../../shared/formats/kiosk-bridge';
import type { ServerToKiosk } from '../../../shared/formats/live-messages';
import { KIOSK_ROUTES } from '../../../shared/formats/kiosk-routes';
import { err, ok } from '../../../shared/result';
import { createApiClient, type ApiClient, type ApiClientOptions, type ClientError } from '../../ui/api-client';
import type { MessageKey } from '../../ui/i18n/catalogue-fr';
import { httpAnswerLink } from '../answers/answer-links';
import { createAnswerStore, newClientAnswerId, type AnswerStore } from '../answers/answer-store';
import { createKeptTestStore, sessionKeyOf, testKeyOf, type KeptTestStore } from '../answers/kept-test-store';
import { openKioskDatabase, type KeptTest, type KioskDb } from '../answers/kiosk-database';
import { createOutbox, type LiveAnswerLink, type Outbox, type OutboxOptions, type OutboxState } from '../answers/outbox';
import { createTimerStore, keepCheckpointing, type PageEvents, type TimerStore } from '../answers/timer-store';
import type { AssetSource, Countdown, PupilAnswer } from '../challenge/challenge-contract';
import { assetsOfTest, createAssetSource, type KioskAssetSource } from './asset-source';
import { screenForPairingCheck, screenForState, startProblem, type KioskScreen } from './kiosk-screen';
import { markAnswer, markKept } from './paint-marks';
import { answeredAfterTime, answeredSet, countdownSeconds, firstOpenIndex, openingPhase, phaseAfter, type ChallengePhase } from './test-progress';

/**
 * The pupil's journey through the kiosk's screens (issue 8 §1–2; one store, one concern). After « Commencer mon
 * test » the delivered test, the entry token, the candidate and the session are kept in IndexedDB (R-SESS-5), so a
 * reload, a crash or a power cut shows « appelez le surveillant » at once, sends the answers held here with the old
 * entry token, re-enters (`POST /api/kiosk/re-entry`), waits for « Autoriser la reprise » and continues at the first
 * unanswered challenge. Each answer is kept durably BEFORE the screen moves on, then handed to the outbox (R-VAL-4).
 */

/** The test on screen: the kept record, what is answered, the challenge of the moment and its phase. */
export interface RunningTest {
  kept: KeptTest;
  answered: ReadonlySet<string>;
  /** The challenge on screen (index in delivery order), null once every challenge has an answer. */
  index: number | null;
  phase: ChallengePhase;
  /** R-VAL-6 — the station's current extended timers (`KioskState.timers`), for the countdowns not begun yet. */
  currentTimers: Readonly<Record<string, number>>;
  /** The page lost focus during this focused challenge (sent with the answer, shown by the challenge screen). */
  focusLost: boolean;
  /** The answer is being kept (IndexedDB): the buttons wait. */
  keeping: boolean;
  /** « Commencer » / « Je suis prêt » was clicked: the countdown's length is being kept and the timer opened (IndexedDB). */
  beginning: boolean;
  problem: MessageKey | null;
}

export interface KioskFlowState {
  screen: KioskScreen;
  /** The entry token of the moment (check-in, re-entry); kept with the test in IndexedDB once it is delivered. */
  entryToken: string | null;
  /** The session of the checked-in pupil (from the session number typed at check-in). */
  sessionKey: string | null;
  running: RunningTest | null;
  /** The outbox of the test (its banner state), once there is a test. */
  outbox: StoreApi<OutboxState> | null;
  /** Asks the station whether this kiosk is paired; first, a test kept on this computer shows « appelez le surveillant ». */
  boot(): Promise<void>;
  paired(): void;
  checkedIn(answer: KioskCheckInAnswer, sessionNumber: number): void;
  /** `stateChanged` on the kiosk socket (or the socket reopened): re-read `GET /api/kiosk/state`. */
  refreshState(): Promise<void>;
  /** « Commencer mon test » (`POST /api/kiosk/start`); also the resume once authorised. */
  start(): Promise<void>;
  /** « Commencer » (timed warning) or « Je suis prêt » (focused warning). */
  begin(): Promise<void>;
  /** « Je valide » / « Je passe ». */
  answer(answer: PupilAnswer): Promise<void>;
  /** The page-lockdown seam: the page lost focus; marks the focused challenge on screen (sent with its answer). */
  focusLost(): void;
  /** The page-lockdown seam: the challenge on screen, or null. */
  currentChallengeId(): string | null;
  /** The countdown of the challenge on screen (R-VAL-5), null when it is not timed. */
  countdown(): Countdown | null;
  /** Feed every message of the kiosk's socket (the outbox's acknowledgements). */
  receive(message: ServerToKiosk): void;
}

export interface KioskFlowOptions extends ApiClientOptions {
  retryBootMs?: number;
  /** The kiosk's database; tests open a fake-indexeddb one. */
  openDatabase?: () => Promise<KioskDb>;
  /** The kiosk's socket as the outbox uses it (answer-links.ts `relayLiveLink`). */
  live?: LiveAnswerLink;
  monotonicNow?: () => number;
  /** Where the timers are written when the page hides (default: the page; none in Node tests). */
  pageEvents?: PageEvents | null;
  outbox?: Partial<Pick<OutboxOptions, 'backoff' | 'ackTimeoutMs' | 'random' | 'timers'>>;
  /** How the assets are shown and saved (tests). */
  assetUrls?: { create(blob: Blob): string };
  /** The kiosk shell's bridge, when the page runs in it: attachments open in a permitted application. */
  openAttachment?: KioskBridge['openAttachment'];
}

export interface KioskFlowStore {
  store: StoreApi<KioskFlowState>;
  client: ApiClient;
  /** The assets of the test on screen (null before there is one). */
  assets(): AssetSource | null;
  /** Stops the outbox and the timer's checkpoints (the page goes away; tests). */
  dispose(): void;
}

/** One test's machinery: the outbox, the timer, the assets. */
interface TestServices { testKey: string; outbox: Outbox; timers: TimerStore; assets: KioskAssetSource; stop(): void }

const WAIT_FOR_OUTBOX_MS = 1000;
const ENTRY_GONE = new Set(['entryMissing', 'entryUnknown']);
/** The screens after which the test cannot go on on this kiosk. */
const OVER = new Set<KioskScreen['name']>(['ended', 'replaced', 'resumeExpired']);

export function createKioskFlowStore(options: KioskFlowOptions = {}): KioskFlowStore {
  let store: StoreApi<KioskFlowState> | null = null;
  const entryHeader = (): Record<string, string> => {
    const entry = store?.getState().entryToken;
    return entry ? { [ENTRY_TOKEN_HEADER]: entry } : {};
  };
  const client = createApiClient({ ...options, headers: () => ({ ...options.headers?.(), ...entryHeader() }) });
  const retryBootMs = options.retryBootMs ?? 3000;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());

  let database: Promise<KioskDb> | null = null;
  let stores: { db: KioskDb; answers: AnswerStore; tests: KeptTestStore } | null = null;
  async function open(): Promise<{ db: KioskDb; answers: AnswerStore; tests: KeptTestStore }> {
    database ??= (options.openDatabase ?? (() => openKioskDatabase()))();
    const db = await database;
    stores ??= { db, answers: createAnswerStore(db), tests: createKeptTestStore(db) };
    return stores;
  }

  /** The test this kiosk keeps (from IndexedDB, or just delivered). */
  let keptNow: KeptTest | null = null;
  let services: TestServices | null = null;
  let countdownCache: { challengeId: string; seconds: number; countdown: Countdown } | null = null;

  async function servicesFor(kept: KeptTest): Promise<TestServices> {
    if (services?.testKey === kept.testKey) return services;
    services?.stop();
    const { db, answers } = await open();
    const owner = { sessionKey: kept.sessionKey, testKey: kept.testKey };
    const outbox = createOutbox({
      // The entry token of THIS test (kept with it): a new pupil's check-in does not send this test's answers.
      store: answers, owner, entryToken: () => (keptNow?.testKey === kept.testKey ? keptNow.entryToken : null), http: httpAnswerLink(options),
      ...(options.live ? { live: options.live } : {}), ...options.outbox,
    });
    const timers = createTimerStore(db, owner, monotonicNow);
    const page = options.pageEvents === undefined ? (typeof document === 'undefined' ? null : undefined) : options.pageEvents;
    const stopCheckpoints = page === null ? () => {} : keepCheckpointing(timers, page);
    const assets = createAssetSource({
      db, testKey: kept.testKey, fetchAsset,
      ...(options.assetUrls ? { objectUrls: options.assetUrls } : {}),
      ...(options.openAttachment ? { openInShell: (asset: KioskAsset) => openInShell(options.openAttachment!, asset, store!.getState().entryToken) } : {}),
    });
    services = { testKey: kept.testKey, outbox, timers, assets, stop: () => { outbox.stop(); stopCheckpoints(); } };
    store!.setState({ outbox: outbox.state });
    return services;
  }

  async function fetchAsset(assetId: string) {
    const response = await client.call(KIOSK_ROUTES.asset, { params: { assetId } });
    if (!response.ok) return err(response.error);
    try {
      return ok({ bytes: await response.value.arrayBuffer(), mediaType: response.value.headers.get('content-type') ?? '' });
    } catch (error) {
      return err(error);
    }
  }

  const get = () => store!.getState();
  const set = (partial: Partial<KioskFlowState>) => store!.setState(partial);

  /** What is answered and where the pupil goes on: the station's answers and every answer kept here (R-SESS-5). */
  async function runningFrom(kept: KeptTest, stationAnswered: readonly string[], currentTimers: Record<string, number>): Promise<RunningTest> {
    const { answers } = await open();
    const keptHere = (await answers.answersOf(kept.testKey)).map((a) => a.challengeId);
    const answered = answeredSet(stationAnswered, keptHere);
    return positioned({ kept, answered, index: null, phase: 'answering', currentTimers, focusLost: false, keeping: false, beginning: false, problem: null });
  }

  /** The running test at its first open challenge, in that challenge's first phase. */
  function positioned(running: RunningTest): RunningTest {
    const index = firstOpenIndex(running.kept.test.challenges, running.answered);
    if (index === null) return { ...running, index, phase: 'answering', focusLost: false, beginning: false };
    const challenge = running.kept.test.challenges[index]!;
    const id = challenge.challengeId;
    return { ...running, index, phase: openingPhase(challenge, id in running.kept.countdownSeconds), focusLost: running.kept.focusLost.includes(id), beginning: false };
  }

  /** Shows the running test: its challenge (the timer runs once the challenge itself shows), or the end. */
  async function show(running: RunningTest, candidate = running.kept.candidate): Promise<void> {
    if (running.index !== null && running.phase === 'answering') {
      await services?.timers.open(running.kept.test.challenges[running.index]!.challengeId);
    }
    set({ running, screen: running.index === null ? { name: 'ended', candidate, end: 'completed' } : { name: 'test', candidate } });
    if (running.index === null) markOver();
  }

  /** The test cannot go on on this kiosk any more: a reload will not hold the kiosk for it (`KeptTest.over`). */
  function markOver(): void {
    const kept = keptNow;
    if (!kept || kept.over) return;
    keptNow = { ...kept, over: true };
    void open().then(({ tests }) => tests.update(kept.testKey, (t) => ({ ...t, over: true }))).catch(() => null);
  }

  /** The station reported the session finalised: this computer's copy of the test and its answers goes. */
  async function forget(): Promise<void> {
    const kept = keptNow;
    if (!kept) return;
    keptNow = null;
    services?.stop();
    services = null;
    set({ running: null, outbox: null });
    const { answers } = await open();
    await answers.clearSession(kept.sessionKey);
  }

  /** The station's state: the screen for it, and what it implies (pause, resume, start, forget). */
  function applyState(state: KioskState): void {
    const { screen, running } = get();
    if (!('candidate' in screen)) return;
    if (state.sessionFinalised) void forget();
    const here = { held: running !== null, allAnswered: running !== null && running.index === null };
    const next = screenForState(screen.candidate, state, screen, here);
    if (running) set({ running: { ...running, currentTimers: state.timers } });
    if (next.name === 'suspended' && screen.name !== 'suspended') void services?.timers.pause();
    if (screen.name === 'suspended' && next.name === 'test' && running?.phase === 'answering') services?.timers.resume();
    set({ screen: next });
    if (OVER.has(next.name)) markOver();
    if (next.name === 'resume' && next.step === 'resuming' && next !== screen) void get().start();
  }

  /** Waits until the answers kept here went with the old entry token (or that entry can send no more). */
  async function untilKeptAnswersSent(testKey: string, outbox: Outbox): Promise<void> {
    const { answers } = await open();
    for (;;) {
      if ((await answers.pending(testKey)).length === 0 || outbox.state.getState().waiting?.kind === 'entry') return;
      await new Promise<void>((resolve) => {
        const timeout = setTimeout(done, WAIT_FOR_OUTBOX_MS);
        const unsubscribe = outbox.state.subscribe(done);
        function done() { clearTimeout(timeout); unsubscribe(); resolve(); }
      });
    }
  }

  /** R-SESS-5 — the kiosk re-enters with the old entry token; tries again calmly while the station does not answer. */
  async function reEnter(kept: KeptTest): Promise<void> {
    const answer = await client.call(KIOSK_ROUTES.reEntry, { body: {} });
    if (answer.ok) {
      const { tests } = await open();
      const entryToken = answer.value.entryToken;
      keptNow = await tests.update(kept.testKey, (t) => ({ ...t, entryToken, savedAt: Date.now() })).catch(() => null) ?? { ...kept, entryToken };
      set({ entryToken: answer.value.entryToken });
      services?.outbox.entryChanged();
      applyState(answer.value.state);
      return;
    }
    const failure: ClientError = answer.error;
    if (failure.kind !== 'refused') {
      setTimeout(() => void reEnter(kept), retryBootMs);
      return;
    }
    if (ENTRY_GONE.has(failure.error.code)) {
      // The station does not know this entry (another station, a new database): the pupil checks in again; the
      // answers kept here stay, and the same test found again after the check-in finds them.
      set({ entryToken: null, screen: { name: 'checkIn' } });
      return;
    }
    if (failure.status === 401 || failure.status === 403) {
      set({ entryToken: null, screen: { name: 'pairing' } });
      return;
    }
    // Ended, replaced, expired, closed: the old entry's state says which screen.
    await get().refreshState();
  }

  store = createStore<KioskFlowState>((_set, _get) => ({
    screen: { name: 'loading' },
    entryToken: null,
    sessionKey: null,
    running: null,
    outbox: null,

    async boot() {
      if (get().screen.name === 'loading' && keptNow === null) {
        const kept = await open().then(({ tests }) => tests.current()).catch((error: unknown) => {
          console.warn('Base du poste illisible', error);
          return null;
        });
        if (kept?.over) {
          // Over (ended, reopened elsewhere): the kiosk is free; the answers still kept here go in the background.
          keptNow = kept;
          (await servicesFor(kept)).outbox.flush();
        } else if (kept) {
          // R-SESS-5 — at once, from this computer: « appelez le surveillant »; the kept answers go first.
          keptNow = kept;
          set({ entryToken: kept.entryToken, sessionKey: kept.sessionKey, screen: { name: 'resume', candidate: kept.candidate, step: 'reEntering' } });
          const { outbox } = await servicesFor(kept);
          outbox.flush();
          await untilKeptAnswersSent(kept.testKey, outbox);
          await reEnter(kept);
          return;
        }
      }
      const me = await client.call(KIOSK_ROUTES.kioskMe);
      const next = screenForPairingCheck(me.ok ? { ok: true } : me);
      // Asked again mid-way (the socket was closed for good): only a kiosk no longer paired leaves its screen.
      if (next) {
        if (next.name === 'pairing' || get().screen.name === 'loading') set({ screen: next, entryToken: next.name === 'pairing' ? null : get().entryToken });
      } else setTimeout(() => void get().boot(), retryBootMs);
    },
    paired: () => set({ screen: { name: 'checkIn' }, entryToken: null }),
    checkedIn(answer, sessionNumber) {
      set({ entryToken: answer.entryToken, sessionKey: sessionKeyOf(sessionNumber) });
      set({ screen: screenForState(answer.candidate, answer.state, get().screen) });
      if (answer.state.state === 'readyToResume') void get().start();
    },
    async refreshState() {
      const { entryToken, screen } = get();
      if (!entryToken || !('candidate' in screen)) return;
      const state = await client.call(KIOSK_ROUTES.kioskState);
      // Unreachable: the banner says so; the next stateChanged (or the socket reopening) reads it again.
      if (!state.ok) return;
      applyState(state.value);
    },
    async start() {
      const screen = get().screen;
      const resuming = screen.name === 'resume' && screen.step === 'resuming';
      if (!resuming && (screen.name !== 'instructions' || screen.starting)) return;
      if (screen.name === 'instructions') set({ screen: { ...screen, starting: true, problem: null } });
      const delivered = await client.call(KIOSK_ROUTES.start, { body: {} });
      if (!delivered.ok) {
        const now = get().screen;
        if (now.name === 'instructions') set({ screen: { ...now, starting: false, problem: startProblem(delivered.error) } });
        else if (delivered.error.kind === 'refused') await get().refreshState();
        else setTimeout(() => { const s = get().screen; if (s.name === 'resume' && s.step === 'resuming') void get().start(); }, retryBootMs);
        return;
      }
      try {
        await testDelivered(delivered.value);
      } catch (error) {
        // This computer cannot keep the test (IndexedDB unusable): nothing can be kept; the invigilator must step in.
        console.error('Test non gardé sur ce poste', error);
        const candidate = delivered.value.candidate;
        set({ screen: { name: 'resume', candidate, step: 'waitingForResume' } });
      }
    },
    async begin() {
      const running = get().running;
      if (!running || running.index === null || running.phase === 'answering' || running.beginning) return;
      const challenge = running.kept.test.challenges[running.index]!;
      const phase = phaseAfter(challenge, running.phase);
      if (phase !== 'answering') {
        set({ running: { ...running, phase } });
        return;
      }
      // The warning stays on screen while the countdown's length is kept and the timer opened: a second click on
      // « Commencer » (or « Je suis prêt ») lands on it, and must do nothing (R-VAL-5, R-SESS-5).
      set({ running: { ...running, beginning: true } });
      const id = challenge.challengeId;
      const testKey = running.kept.testKey;
      let begun: Record<string, number> = {};
      try {
        const seconds = countdownSeconds(challenge, running.kept.countdownSeconds, running.currentTimers);
        if (seconds !== null && !(id in running.kept.countdownSeconds)) {
          // R-VAL-5, R-VAL-6 — the countdown begins: its length is kept (a reload neither restarts nor changes it).
          begun = { [id]: seconds };
          const { tests } = await open();
          await tests.update(testKey, (t) => ({ ...t, countdownSeconds: { ...t.countdownSeconds, ...begun } })).catch(() => null);
          if (keptNow?.testKey === testKey) keptNow = { ...keptNow, countdownSeconds: { ...keptNow.countdownSeconds, ...begun } };
        }
        await services?.timers.open(id);
      } catch (error) {
        // The timer could not be read: the warning stays, another click tries again.
        console.warn('Épreuve non commencée', error);
        const now = get().running;
        if (now?.kept.testKey === testKey && now.index === running.index && now.beginning) set({ running: { ...now, beginning: false } });
        return;
      }
      // Applied to the test as it is NOW, not as it was at the click: only if this warning is still the one on
      // screen (not after the pupil moved on, a resume delivered the test again, or the test ended meanwhile).
      const now = get().running;
      if (!now || now.kept.testKey !== testKey || now.index !== running.index || now.phase !== running.phase) return;
      const kept = { ...now.kept, countdownSeconds: { ...now.kept.countdownSeconds, ...begun } };
      set({ running: { ...now, kept, phase, beginning: false } });
    },
    async answer(pupilAnswer) {
      const running = get().running;
      if (!running || running.index === null || running.phase !== 'answering' || running.keeping || !services) return;
      markAnswer();
      const { outbox, timers } = services;
      const challenge = running.kept.test.challenges[running.index]!;
      set({ running: { ...running, keeping: true, problem: null } });
      const elapsedMs = await timers.finish();
      const seconds = countdownSeconds(challenge, running.kept.countdownSeconds, running.currentTimers);
      const kept = await outbox.keep({
        challengeId: challenge.challengeId, answer: pupilAnswer, clientAnswerId: newClientAnswerId(), elapsedMs,
        timedOut: answeredAfterTime(elapsedMs, seconds), focusLost: running.focusLost,
      });
      const now = get().running ?? running;
      if (!kept.ok) {
        // R-VAL-4 — not on disk: the screen stays, the pupil tries again (or calls the invigilator).
        console.warn(kept.error);
        timers.resume();
        set({ running: { ...now, keeping: false, problem: 'testFlow.notKept' } });
        return;
      }
      markKept();
      await show(positioned({ ...now, answered: new Set([...now.answered, challenge.challengeId]), keeping: false, problem: null }));
    },
    focusLost() {
      const running = get().running;
      if (!running || running.index === null || running.phase !== 'answering' || running.focusLost) return;
      const challenge = running.kept.test.challenges[running.index]!;
      if (!challenge.focused) return;
      const id = challenge.challengeId;
      const kept = { ...running.kept, focusLost: [...running.kept.focusLost, id] };
      keptNow = kept;
      set({ running: { ...running, kept, focusLost: true } });
      void open().then(({ tests }) => tests.update(kept.testKey, (t) => ({ ...t, focusLost: [...new Set([...t.focusLost, id])] }))).catch(() => null);
    },
    currentChallengeId() {
      const { running, screen } = get();
      if (screen.name !== 'test' || !running || running.index === null) return null;
      return running.kept.test.challenges[running.index]!.challengeId;
    },
    countdown() {
      const running = get().running;
      if (!running || running.index === null || !services) return null;
      const challenge = running.kept.test.challenges[running.index]!;
      const seconds = countdownSeconds(challenge, running.kept.countdownSeconds, running.currentTimers);
      if (seconds === null) return null;
      if (countdownCache?.challengeId !== challenge.challengeId || countdownCache.seconds !== seconds) {
        const timers = services.timers;
        countdownCache = { challengeId: challenge.challengeId, seconds, countdown: { totalSeconds: seconds, remainingMs: () => seconds * 1000 - timers.elapsedMs() } };
      }
      return countdownCache.countdown;
    },
    receive(message) {
      services?.outbox.receive(message);
    },
  }));

  /** The test is delivered (first start or resume): kept durably BEFORE its first challenge shows. */
  async function testDelivered(test: KioskTest): Promise<void> {
    const entryToken = get().entryToken!;
    const sessionKey = get().sessionKey ?? keptNow?.sessionKey ?? sessionKeyOf(0);
    const testKey = testKeyOf(sessionKey, test);
    const { tests } = await open();
    const earlier = keptNow?.testKey === testKey ? keptNow : await tests.current().then((t) => (t?.testKey === testKey ? t : null)).catch(() => null);
    const kept: KeptTest = {
      testKey, sessionKey, entryToken, candidate: test.candidate, test,
      countdownSeconds: earlier?.countdownSeconds ?? {}, focusLost: earlier?.focusLost ?? [], savedAt: Date.now(),
    };
    const saved = await tests.save(kept);
    // The pupil goes on all the same: each answer is still kept, or the screen says it could not be.
    if (!saved.ok) console.warn(saved.error);
    keptNow = kept;
    const { outbox, assets } = await servicesFor(kept);
    // The entry is started: answers that waited for it go now.
    outbox.entryChanged();
    void assets.prefetch(assetsOfTest(test.challenges)).catch(() => {});
    await show(await runningFrom(kept, test.answeredChallengeIds, test.state.timers));
  }

  return { store, client, assets: () => services?.assets ?? null, dispose: () => { services?.stop(); services = null; } };
}

/** An attachment opened by the kiosk shell in a permitted application (kiosk-lockdown §2); false if it refused. */
async function openInShell(open: KioskBridge['openAttachment'], asset: KioskAsset, entryToken: string | null): Promise<boolean> {
  if (entryToken === null) return false;
  const url = new URL(asset.url, location.href).href;
  const opened = await open({ url, fileName: asset.fileName, mediaType: asset.mediaType, sha256: asset.sha256, entryToken });
  if (!opened.ok) console.warn('Pièce jointe non ouverte par le poste :', opened.error.message);
  return opened.ok;
}
