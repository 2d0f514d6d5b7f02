/**
 * `npm run chaos:station` (issue 3, docs/benchmarks.md): under load from the simulated kiosks, the station is
 * killed with SIGKILL at random moments and restarted each time on the same data folder and port; the kiosks
 * resend what was not acknowledged. At the end, with the station stopped, every answer a kiosk saw acknowledged
 * must be in the database exactly once, and every session's audit hash chain must verify.
 * Last line: {"kills","acknowledged","lost","duplicated","chainsValid"}. Exit code 1 when one of them fails.
 * Options: --kills (10) --kiosks (100) --min-gap / --max-gap (seconds between kills: 3 and 8) --tail (seconds of
 * load after the last restart: 3) --seed --keep.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { checkAnswers, checkChains, readAcks } from './answer-check';
import { runScript, stopProcess, type ScriptProcess } from './child-processes';
import type { LoadConfig, LoadSummary } from './load-generator';
import { sleep } from './retry';
import { candidatePool, createRunDirs } from './run-dirs';
import { seededRandom } from './seeded-random';
import type { ServerReady } from './server-process';

export interface ChaosResult { kills: number; acknowledged: number; lost: number; duplicated: number; chainsValid: boolean }

/** A restart may find the port still held for a moment: tries again this many times. */
const START_ATTEMPTS = 5;

async function startServer(dataDir: string, port: number): Promise<{ proc: ScriptProcess; ready: ServerReady }> {
  for (let attempt = 1; ; attempt++) {
    const proc = runScript('server-process.ts', ['--data', dataDir, '--port', String(port)]);
    try {
      return { proc, ready: await proc.nextJson<ServerReady>((v) => v.ready === true, 60_000) };
    } catch (error) {
      proc.child.kill('SIGKILL');
      if (attempt >= START_ATTEMPTS || !String(error).includes('EADDRINUSE')) throw error;
      await sleep(500);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '10' },
      kiosks: { type: 'string', default: '100' },
      'min-gap': { type: 'string', default: '3' },
      'max-gap': { type: 'string', default: '8' },
      tail: { type: 'string', default: '3' },
      seed: { type: 'string', default: '20260314' },
      keep: { type: 'boolean', default: false },
    },
  });
  const kills = Number(values.kills);
  const kiosks = Number(values.kiosks);
  const [minGap, maxGap, tail] = [Number(values['min-gap']), Number(values['max-gap']), Number(values.tail)];
  if (!Number.isInteger(kills) || kills < 1) throw new Error(`--kills : nombre entier positif attendu (reçu « ${values.kills} »)`);
  if (!Number.isInteger(kiosks) || kiosks < 1) throw new Error(`--kiosks : nombre entier positif attendu (reçu « ${values.kiosks} »)`);
  if (!(minGap > 0 && maxGap >= minGap)) throw new Error('--min-gap et --max-gap : des secondes, la première au plus égale à la seconde');
  const random = seededRandom(Number(values.seed));
  const dirs = createRunDirs('passation-chaos-');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  let server: ScriptProcess | null = null;

  try {
    const { pupils, sessions } = candidatePool(kiosks, kills * maxGap + tail);
    log(`Préparation : ${sessions} session(s) de ${pupils} candidats dans ${dirs.root}…`);
    const prepare = runScript('server-process.ts', ['--data', dirs.station, '--prepare-only', '--pupils', String(pupils), '--sessions', String(sessions)]);
    await prepare.nextJson((v) => v.prepared === true, 600_000);
    await prepare.exited;

    const first = await startServer(dirs.station, 0);
    server = first.proc;
    const { port } = first.ready;
    const config: LoadConfig = {
      url: first.ready.url, certFile: first.ready.certFile, fingerprint: first.ready.fingerprint, preparedFile: first.ready.preparedFile,
      kiosks, durationSeconds: null, humanShare: 0.1, thinkMs: [1000, 3000], ackFile: dirs.ackFile, seed: Number(values.seed), chaos: true,
    };
    fs.writeFileSync(dirs.loadConfig, JSON.stringify(config));
    const load = runScript('load-generator.ts', ['--config', dirs.loadConfig]);
    await load.nextJson((v) => v.phase === 'running', 600_000);
    log(`Charge en cours (${kiosks} postes) ; ${kills} arrêts brutaux du poste surveillant à venir…`);

    const downtimes: number[] = [];
    for (let k = 1; k <= kills; k++) {
      await sleep((minGap + random() * (maxGap - minGap)) * 1000);
      const killedAt = performance.now();
      server.child.kill('SIGKILL');
      await server.exited;
      const restarted = await startServer(dirs.station, port);
      server = restarted.proc;
      downtimes.push(performance.now() - killedAt);
      log(`  arrêt brutal n° ${k} (kill -9), redémarré en ${Math.round(downtimes.at(-1)!)} ms`);
    }
    await sleep(tail * 1000);
    load.child.kill('SIGTERM');
    const summary = await load.nextJson<LoadSummary>((v) => 'latency' in v, 120_000);
    await load.exited;
    const stopped = await stopProcess(server);
    server = null;
    if (stopped !== 0) log(`Attention : le poste surveillant s’est arrêté avec le code ${stopped}.`);

    const answers = checkAnswers(dirs.database, readAcks(dirs.ackFile));
    const chains = checkChains(dirs.database);
    const result: ChaosResult = { kills, acknowledged: answers.acknowledged, lost: answers.lost, duplicated: answers.duplicated, chainsValid: chains.chainsValid };
    const c = (name: string) => summary.counters[name] ?? 0;
    const errors = Object.entries(summary.errors);
    process.stdout.write([
      '',
      `Chaos du poste surveillant — ${kiosks} postes simulés, ${kills} arrêts brutaux (kill -9) et redémarrages sur le même dossier`,
      `  Redémarrage : ${Math.round(Math.min(...downtimes))} à ${Math.round(Math.max(...downtimes))} ms d’interruption`,
      `  Réponses acquittées vues par les postes : ${answers.acknowledged} ; en base : ${answers.stored} (les réponses en vol au moment d’un arrêt peuvent y être sans accusé)`,
      `  Perdues (acquittées mais absentes ou différentes en base) : ${answers.lost} — en double : ${answers.duplicated}`,
      `  Chaînes d’audit : ${chains.sessions} session(s), ${chains.events} événements — ${chains.chainsValid ? 'toutes valides' : `INVALIDES : ${chains.failures.join(' ; ')}`}`,
      `  Renvois après coupure : ${c('retries')} ; candidats reconnectés : ${c('reentries')}, reprises autorisées par le surveillant : ${c('resumesAuthorised')}`
        + ` (dont ${c('testsResumed')} avec des réponses déjà enregistrées) ; tests terminés : ${c('testsCompleted')}`,
      `  Erreurs : ${errors.length === 0 ? 'aucune' : errors.map(([m, n]) => `${m} ×${n}`).join(' ; ')}`,
      ...answers.examples.map((e) => `    ${e}`),
      '',
    ].join('\n'));
    if (values.keep) log(`Données conservées dans ${dirs.root}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.lost > 0 || result.duplicated > 0 || !result.chainsValid) process.exitCode = 1;
  } finally {
    if (server) server.child.kill('SIGKILL');
    if (!values.keep) dirs.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos:station : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
