/**
 * `npm run bench:station -- --kiosks N --duration S` (issue 3, docs/benchmarks.md): the station in one process,
 * N simulated kiosks in another, over real HTTPS and WebSocket, for S seconds; before the load, the raw rate of
 * durable single-row SQLite commits on the same disk. Prints a French summary beside the targets, then as the
 * LAST line one JSON object:
 * {"kiosks","answersPerSecond","p50Ms","p95Ms","p99Ms","lost","rssMb","rawCommitsPerSecond","ratio"}.
 * Options: --kiosks (500) --duration (60) --human-share (0.1) --sessions (of N candidates or more, estimated) --raw-seconds (3)
 * --cpu-prof DIR (profile the station) --server-node-options "…" (Node options of the station's process, e.g.
 * --max-old-space-size=160) --keep (keep the temporary data folder).
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { checkAnswers, checkChains, readAcks } from './answer-check';
import { cpuSeconds, runQueueSeconds, runScript, sampleRss, stopProcess } from './child-processes';
import type { LoadConfig, LoadSummary } from './load-generator';
import { candidatePool, createRunDirs } from './run-dirs';
import type { ServerReady } from './server-process';

const STEP_NAMES: Record<string, string> = { checkIn: 'connexion', invigilator: 'présence', push: 'poussée', start: 'démarrage' };

interface ServerMemory { heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number }

export const BENCH_TARGETS = { lost: 0, p99Ms: 50, ratio: 1, rssMb: 300 } as const;

export interface BenchResult {
  kiosks: number;
  answersPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  lost: number;
  rssMb: number;
  rawCommitsPerSecond: number;
  ratio: number;
}

const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mark = (ok: boolean) => (ok ? '✓' : '✗ (cible manquée)');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kiosks: { type: 'string', default: '500' },
      duration: { type: 'string', default: '60' },
      'human-share': { type: 'string', default: '0.1' },
      sessions: { type: 'string' },
      'raw-seconds': { type: 'string', default: '3' },
      'cpu-prof': { type: 'string' },
      // The station's own heap limit (package.json start/station): V8 collects late on a big machine otherwise.
      'server-node-options': { type: 'string', default: '--max-old-space-size=192 --max-semi-space-size=8' },
      keep: { type: 'boolean', default: false },
      // `http` measures POST /api/kiosk/answers instead of answers on the live socket.
      'answers-over': { type: 'string', default: 'socket' },
      seed: { type: 'string', default: '20260314' },
    },
  });
  const kiosks = Number(values.kiosks);
  const duration = Number(values.duration);
  if (!Number.isInteger(kiosks) || kiosks < 1) throw new Error(`--kiosks : nombre entier positif attendu (reçu « ${values.kiosks} »)`);
  if (!(duration > 0)) throw new Error(`--duration : durée en secondes attendue (reçu « ${values.duration} »)`);
  const pool = candidatePool(kiosks, duration);
  const sessions = values.sessions === undefined ? pool.sessions : Number(values.sessions);
  const dirs = createRunDirs('passation-bench-');
  const log = (line: string) => process.stderr.write(`${line}\n`);

  try {
    // 1. The floor: durable single-row commits on this disk, alone on the machine.
    log(`Mesure des commits SQLite unitaires (${values['raw-seconds']} s) dans ${dirs.root}…`);
    const raw = runScript('raw-commit-rate.ts', ['--dir', dirs.root, '--seconds', values['raw-seconds']]);
    const { rawCommitsPerSecond } = await raw.nextJson<{ rawCommitsPerSecond: number }>((v) => 'rawCommitsPerSecond' in v, 60_000);
    await raw.exited;

    // 2. The station's data: signed packages, N pupils, enough sessions for the run.
    log(`Préparation : ${sessions} session(s) de ${pool.pupils} candidats…`);
    const prepare = runScript('server-process.ts', ['--data', dirs.station, '--prepare-only', '--pupils', String(pool.pupils), '--sessions', String(sessions)]);
    await prepare.nextJson((v) => v.prepared === true, 600_000);
    await prepare.exited;

    // 3. The station, alone in its process; its memory sampled from start to stop.
    const nodeOptions = [
      ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : []),
      ...values['server-node-options'].split(' ').filter((o) => o !== ''),
    ];
    const server = runScript('server-process.ts', ['--data', dirs.station], nodeOptions);
    const ready = await server.nextJson<ServerReady>((v) => v.ready === true, 60_000);
    const rss = sampleRss(() => ready.pid);

    // 4. The kiosks.
    const config: LoadConfig = {
      url: ready.url, certFile: ready.certFile, fingerprint: ready.fingerprint, preparedFile: ready.preparedFile,
      kiosks, durationSeconds: duration, humanShare: Number(values['human-share']), thinkMs: [2000, 6000],
      answersOver: values['answers-over'] === 'http' ? 'http' : 'socket',
      ackFile: dirs.ackFile, seed: Number(values.seed), chaos: false,
    };
    fs.writeFileSync(dirs.loadConfig, JSON.stringify(config));
    log(`Poste surveillant prêt sur ${ready.url} (pid ${ready.pid}) ; appairage de ${kiosks} postes…`);
    const load = runScript('load-generator.ts', ['--config', dirs.loadConfig]);
    await load.nextJson((v) => v.phase === 'running', 600_000);
    log(`Charge en cours pendant ${duration} s…`);
    const cpu = cpuMeter([ready.pid, load.child.pid!]);
    server.child.kill('SIGUSR2');
    const summary = await load.nextJson<LoadSummary>((v) => 'latency' in v, (duration + 120) * 1000);
    const [serverCpu, loadCpu, serverWaited] = cpu.percents();
    server.child.kill('SIGUSR2');
    await load.exited;

    // 5. Stop the station cleanly, then read its database.
    const stopped = await stopProcess(server);
    rss.stop();
    const report = await server.nextJson<{ memory: ServerMemory; loopBusyPercent: number }>((v) => v.stopped === true, 1000).catch(() => null);
    const memory = report?.memory ?? null;
    if (stopped !== 0) log(`Attention : le poste surveillant s’est arrêté avec le code ${stopped}.\n${server.stderrTail()}`);
    const answers = checkAnswers(dirs.database, readAcks(dirs.ackFile));
    const chains = checkChains(dirs.database);

    const answersPerSecond = Math.round((summary.answersInWindow / summary.windowSeconds) * 10) / 10;
    const result: BenchResult = {
      kiosks,
      answersPerSecond,
      p50Ms: summary.latency.p50Ms,
      p95Ms: summary.latency.p95Ms,
      p99Ms: summary.latency.p99Ms,
      lost: answers.lost,
      rssMb: Math.round(rss.max()),
      rawCommitsPerSecond,
      ratio: Math.round((answersPerSecond / rawCommitsPerSecond) * 100) / 100,
    };
    printSummary(result, summary, answers, chains, sessions, { server: serverCpu!, load: loadCpu!, serverWaited: serverWaited!, serverLoop: report?.loopBusyPercent ?? null }, memory);
    if (values.keep) log(`Données conservées dans ${dirs.root}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (!values.keep) dirs.remove();
  }
}

/**
 * Share of one core each process used between now and `percents()` (100 = one core busy all the time), and
 * the share of the time the first one (the station) waited for a free core while ready to run.
 */
function cpuMeter(pids: number[]) {
  const start = performance.now();
  const before = pids.map((pid) => cpuSeconds(pid) ?? 0);
  const queuedBefore = runQueueSeconds(pids[0]!) ?? 0;
  return {
    percents: () => {
      const seconds = (performance.now() - start) / 1000;
      const used = pids.map((pid, i) => Math.round((((cpuSeconds(pid) ?? before[i]!) - before[i]!) / seconds) * 100));
      const waited = Math.round((((runQueueSeconds(pids[0]!) ?? queuedBefore) - queuedBefore) / seconds) * 100);
      return [...used, waited];
    },
  };
}

function printSummary(r: BenchResult, s: LoadSummary, answers: ReturnType<typeof checkAnswers>, chains: ReturnType<typeof checkChains>, sessions: number,
  cpu: { server: number; load: number; serverWaited: number; serverLoop: number | null }, memory: ServerMemory | null): void {
  const c = (name: string) => fr(s.counters[name] ?? 0);
  const errors = Object.entries(s.errors);
  const lines = [
    '',
    `Banc d’essai du poste surveillant — ${r.kiosks} postes simulés (${s.humanKiosks} au rythme humain), ${fr(s.windowSeconds, 1)} s de charge`,
    `  Réponses acquittées dans la fenêtre : ${fr(s.answersInWindow)} soit ${fr(r.answersPerSecond, 1)} réponses/s`,
    `  Latence requête → accusé (${fr(s.latency.count)} réponses) : p50 ${fr(r.p50Ms, 1)} ms · p95 ${fr(r.p95Ms, 1)} ms · p99 ${fr(r.p99Ms, 1)} ms · max ${fr(s.latency.maxMs, 1)} ms`,
    `      cible p99 ≤ ${BENCH_TARGETS.p99Ms} ms : ${mark(r.p99Ms <= BENCH_TARGETS.p99Ms)}`,
    `  Autres étapes (p50 / p99) : ${Object.entries(s.steps).map(([name, l]) => `${STEP_NAMES[name] ?? name} ${fr(l.p50Ms, 1)} / ${fr(l.p99Ms, 1)} ms`).join(' · ')}`,
    `  Réponses perdues (acquittées mais absentes ou différentes en base) : ${r.lost} sur ${fr(answers.acknowledged)} ; en double : ${answers.duplicated}`,
    `      cible ${BENCH_TARGETS.lost} : ${mark(r.lost === BENCH_TARGETS.lost && answers.duplicated === 0)}`,
    `  Mémoire du poste surveillant (RSS max) : ${fr(r.rssMb)} Mo — cible ≤ ${BENCH_TARGETS.rssMb} Mo : ${mark(r.rssMb <= BENCH_TARGETS.rssMb)}`,
    ...(memory ? [`      dont tas JavaScript ${memory.heapUsedMb} Mo utilisés sur ${memory.heapTotalMb} Mo réservés, mémoire externe ${memory.externalMb} Mo (maximums)`] : []),
    `  Commits SQLite unitaires durables (WAL, synchronous=FULL) sur ce disque : ${fr(r.rawCommitsPerSecond)}/s`,
    `  Ratio réponses/s ÷ commits unitaires/s : ${fr(r.ratio, 2)} — cible ≥ ${BENCH_TARGETS.ratio} : ${mark(r.ratio >= BENCH_TARGETS.ratio)}`,
    `  Chaînes d’audit : ${chains.sessions} session(s), ${fr(chains.events)} événements — ${chains.chainsValid ? 'toutes valides' : `INVALIDES : ${chains.failures.join(' ; ')}`}`,
    `  Tests : ${c('testsStarted')} commencés, ${c('testsCompleted')} terminés ; reprises ${c('testsResumed')} ; renvois ${c('retries')} ; poussées attendues en vain ${c('pushWaitsTimedOut')}`,
    `  Processeur (100 % = un cœur, ${os.cpus().length} cœurs) : poste surveillant ${cpu.server} %, postes simulés ${cpu.load} %`,
    `      boucle d’événements du poste occupée ${cpu.serverLoop ?? '?'} % du temps, dont ${cpu.serverWaited} % à attendre un cœur libre`,
    `  Poussées temps réel reçues : ${fr(s.kioskPushes)} par les postes, ${fr(s.consolePushes)} par les consoles`,
    `  Réserve de candidats : ${sessions} session(s), ${fr(s.candidatesLeft)} candidats non utilisés${(s.counters.kiosksOutOfCandidates ?? 0) > 0 ? ' — ÉPUISÉE : relancer avec --sessions plus grand' : ''}`,
    `  Erreurs : ${errors.length === 0 ? 'aucune' : errors.map(([m, n]) => `${m} ×${n}`).join(' ; ')}`,
    ...answers.examples.map((e) => `    ${e}`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:station : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
