/**
 * The simulated kiosks, in their own process, over real HTTPS and WebSocket: the invigilators log in, every kiosk
 * pairs (codes from the console API) and opens its live socket, then each kiosk takes the next free candidate
 * (session by session) and sits the whole test, again and again, until the run ends: after `durationSeconds`,
 * or on SIGTERM when there is none (the chaos run). A share of the kiosks answers at a human pace.
 * Prints `{"phase":"running"}` when the kiosks start, then, at the end, writes every acknowledged answer to
 * `ackFile` (one JSON object a line) and prints ONE JSON line: the summary (LoadSummary).
 *
 *   node --require tsx/cjs scripts/station-load/load-generator.ts --config CONFIG.json
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Answer } from '../../shared/formats/challenge';
import { ContentPackage } from '../../shared/formats/content-package';
import { rightAnswerFor, wrongAnswerFor } from '../../shared/testing/simulated-answer';
import { CONTENT_FILE } from '../../fixtures/paths';
import { LoadRecorder, summariseLatencies, type LatencySummary } from './load-recorder';
import { seededRandom } from './seeded-random';
import type { PreparedSession } from './prepare-station';
import { SimulatedInvigilator } from './simulated-invigilator';
import { SimulatedKiosk, type KioskAssignment } from './simulated-kiosk';
import { loopbackAddress, type StationAddress } from './station-client';

export interface LoadConfig {
  url: string;
  certFile: string;
  fingerprint: string;
  preparedFile: string;
  kiosks: number;
  /** Null: until SIGTERM. */
  durationSeconds: number | null;
  /** Share of the kiosks answering at a human pace (0.1 = one in ten). */
  humanShare: number;
  /** Think time of a human-paced kiosk before each answer: uniform in [min, max] ms. */
  thinkMs: [number, number];
  ackFile: string;
  seed: number;
  /** Reopen live sockets and keep resending through station restarts. */
  chaos: boolean;
  /** How the kiosks send answers (default: on their live socket, as the candidate interface does). */
  answersOver?: 'socket' | 'http';
}

export interface LoadSummary {
  kiosks: number;
  humanKiosks: number;
  windowSeconds: number;
  answersInWindow: number;
  acknowledged: number;
  latency: LatencySummary;
  /** The other steps of a sitting (check-in, the invigilator's action, the live push, the start). */
  steps: Record<string, LatencySummary>;
  counters: Record<string, number>;
  errors: Record<string, number>;
  candidatesLeft: number;
  consolePushes: number;
  kioskPushes: number;
}

/** Pairings at once (each costs the station a pairing code and a device token). */
const PAIRING_CONCURRENCY = 25;

/** Exactly floor(kiosks × share) kiosks are human-paced, spread evenly. */
export function isHumanPaced(index: number, share: number): boolean {
  return Math.floor((index + 1) * share) > Math.floor(index * share);
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

export async function runLoad(config: LoadConfig, stopSignal: { stopped: boolean }, onRunning: () => void = () => {}): Promise<LoadSummary> {
  const address: StationAddress = { url: config.url, certPem: fs.readFileSync(config.certFile, 'utf8'), fingerprint: config.fingerprint };
  const sessions = JSON.parse(fs.readFileSync(config.preparedFile, 'utf8')) as PreparedSession[];
  const random = seededRandom(config.seed);
  const recorder = new LoadRecorder();
  let deadline = Number.POSITIVE_INFINITY;
  const running = () => !stopSignal.stopped && performance.now() < deadline;
  const reconnect = () => config.chaos && running();

  const content = ContentPackage.parse(JSON.parse(fs.readFileSync(CONTENT_FILE, 'utf8')));
  const answers = new Map(content.challenges.map((c) => [c.id, { right: rightAnswerFor(c), wrong: wrongAnswerFor(c) }]));
  const answerFor = (challengeId: string): Answer => {
    const known = answers.get(challengeId);
    const roll = random();
    if (!known || roll < 0.05) return { skipped: true };
    return roll < 0.75 ? known.right : known.wrong;
  };

  // Invigilators log in before the measured window: a login is a deliberately slow password check.
  const invigilators = sessions.map((s, k) => new SimulatedInvigilator(s, address, `127.2.${Math.floor(k / 250)}.${(k % 250) + 1}`,
    { keepTrying: running, onRetry: () => recorder.count('retries'), reconnect }));
  await inBatches(invigilators, 4, (i) => i.login());

  const kiosks = Array.from({ length: config.kiosks }, (_, i) => {
    const human = isHumanPaced(i, config.humanShare);
    const [min, max] = config.thinkMs;
    return new SimulatedKiosk(i, address, loopbackAddress(i), {
      thinkMs: human ? () => Math.round(min + random() * (max - min)) : () => 0,
      answerFor, running, reconnect, answersOver: config.answersOver ?? 'socket',
    }, recorder);
  });
  await inBatches(kiosks, PAIRING_CONCURRENCY, async (k) => {
    await k.pair(invigilators[0]!);
    await k.openLive();
  });

  // The pool of candidates: session by session, slot by slot; each is sat once.
  const pool: KioskAssignment[] = invigilators.flatMap((invigilator) => invigilator.session.candidates.map((candidate) => ({ invigilator, candidate })));
  let next = 0;
  recorder.windowStart = performance.now();
  onRunning();
  if (config.durationSeconds !== null) {
    deadline = recorder.windowStart + config.durationSeconds * 1000;
    setTimeout(() => { recorder.windowEnd = performance.now(); }, config.durationSeconds * 1000).unref();
  }
  await Promise.all(kiosks.map(async (kiosk) => {
    while (running()) {
      const assignment = pool[next++];
      if (!assignment) {
        recorder.count('kiosksOutOfCandidates');
        return;
      }
      await kiosk.sit(assignment);
    }
  }));
  const endedAt = performance.now();
  recorder.windowEnd = Math.min(recorder.windowEnd, endedAt);

  fs.writeFileSync(config.ackFile, recorder.acks.map((a) => JSON.stringify(a)).join('\n') + (recorder.acks.length > 0 ? '\n' : ''));
  const summary: LoadSummary = {
    kiosks: config.kiosks,
    humanKiosks: kiosks.filter((_, i) => isHumanPaced(i, config.humanShare)).length,
    windowSeconds: Math.round((recorder.windowEnd - recorder.windowStart) / 10) / 100,
    answersInWindow: recorder.answersInWindow,
    acknowledged: recorder.acks.length,
    latency: summariseLatencies(recorder.latencies),
    steps: Object.fromEntries([...recorder.steps].map(([name, values]) => [name, summariseLatencies(values)])),
    counters: Object.fromEntries(recorder.counters),
    errors: Object.fromEntries(recorder.errors),
    candidatesLeft: Math.max(0, pool.length - next),
    consolePushes: invigilators.reduce((sum, i) => sum + i.pushes, 0),
    kioskPushes: kiosks.reduce((sum, k) => sum + k.pushes, 0),
  };
  for (const k of kiosks) k.close();
  for (const i of invigilators) i.close();
  return summary;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  if (!values.config) throw new Error('--config FICHIER est obligatoire');
  const config = JSON.parse(fs.readFileSync(values.config, 'utf8')) as LoadConfig;
  const stopSignal = { stopped: false };
  process.once('SIGTERM', () => { stopSignal.stopped = true; });
  const announce = () => process.stdout.write(`${JSON.stringify({ phase: 'running', kiosks: config.kiosks })}\n`);
  runLoad(config, stopSignal, announce).then((summary) => {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    process.exit(0);
  }, (error: unknown) => {
    process.stderr.write(`générateur de charge : ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
