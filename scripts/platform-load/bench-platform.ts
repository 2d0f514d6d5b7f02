/**
 * `npm run bench:platform` — 30-candidate results bundles received per second by the platform on one core: each
 * one verified (archive, CMS signature, centre certificate, schema, audit chain head), every candidate rescored
 * from the raw answers, the bundle and its results stored, the signed receipt made — through `receiveBundle`, the
 * function the HTTP route calls, without HTTP (issue 9, "Proof"). On SQLite (a real file) and on PostgreSQL
 * (DATABASE_URL; skipped, with the reason, when no server answers). Same-run baseline: Node's raw RSA-2048
 * signature verifications per second (crypto.verify, SHA-256). Targets: ≥ 150 bundles/s on SQLite, ≥ 100 on
 * PostgreSQL. The bundles are genuine (scripts/platform-load/prepare-bundles.ts). Last line: one JSON object.
 *
 * Before the timed bundles, each engine's store receives `--warmup` other bundles, untimed (their rate is printed):
 * a platform serving on a peak day has received bundles before, its code compiled by V8 and its statements
 * prepared. V8 compiles a function with its optimising tier only after many calls, and much of receiving runs once
 * a bundle: from a cold start the first 50 bundles went at ≈ 120 a second, the next ones at 160 to 175 (docs/benchmarks.md,
 * « Cinquième passe »), so what is timed by default is the steady state after 100, over 300 more.
 * Options: --bundles N (default 300), --warmup W (default 100), --in-flight K (default 1: one bundle after another).
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { postgresAvailability, postgresEngine, sqliteEngine, type TestEngine } from '../../platform/storage/store-test-engines';
import { CANDIDATES_PER_BUNDLE, prepareBundles, readyStore, receiveContext, type PreparedBundles } from './prepare-bundles';
import { receiveEach, type Throughput } from './receive-each';

const { values } = parseArgs({ options: { bundles: { type: 'string', default: '300' }, warmup: { type: 'string', default: '100' }, 'in-flight': { type: 'string', default: '1' } } });
const integerOption = (name: string, text: string, least: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < least) throw new Error(`--${name} : un entier ${least === 0 ? 'positif ou nul' : 'positif'} est attendu, pas « ${text} »`);
  return n;
};
const N = integerOption('bundles', values.bundles, 1);
const WARMUP = integerOption('warmup', values.warmup, 0);
const IN_FLIGHT = integerOption('in-flight', values['in-flight'], 1);

/** On a fresh store of `engine`: the first WARMUP prepared bundles (the warm-up), then the N others (what is timed); then drops the store. */
async function onEngine(engine: TestEngine, prepared: PreparedBundles): Promise<{ warmup: Throughput; timed: Throughput }> {
  const { store, cleanup } = await engine.fresh();
  try {
    await readyStore(store, prepared);
    const context = receiveContext(store, prepared);
    const warmup = await receiveEach(context, prepared.bundles.slice(0, WARMUP), IN_FLIGHT);
    return { warmup, timed: await receiveEach(context, prepared.bundles.slice(WARMUP), IN_FLIGHT) };
  } finally {
    await store.close();
    await cleanup();
  }
}

/**
 * Node's raw RSA-2048 verification rate: the centre's key, SHA-256, over one second, of a message the size of a
 * CMS signature's signed attributes (what a bundle's verification actually checks with RSA), not of a whole
 * bundle: hashing 0.5 MB per call would make the reference a hashing rate (it read ~3,300/s that way, against
 * ~45,000/s for the RSA verification itself on the same machine).
 */
function rawVerifiesPerSecond(prepared: PreparedBundles): number {
  const data = Buffer.alloc(128, 0x5a);
  const signature = crypto.sign('sha256', data, prepared.centre.keyPem);
  const key = crypto.createPublicKey(prepared.centre.certPem);
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1e9) {
    for (let i = 0; i < 50; i += 1) if (crypto.verify('sha256', data, key, signature)) count += 1;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return Math.round(count / (elapsed / 1e9));
}

async function main(): Promise<void> {
  const prepareStart = process.hrtime.bigint();
  const prepared = await prepareBundles(WARMUP + N);
  const prepareSeconds = Number(process.hrtime.bigint() - prepareStart) / 1e9;
  const rate = (t: Throughput) => Math.round(t.bundles / t.seconds);
  const cpuMs = (t: Throughput) => (1000 * t.cpuSeconds / t.bundles).toFixed(1).replace('.', ',');

  const raw = rawVerifiesPerSecond(prepared);
  const sqlite = await onEngine(sqliteEngine, prepared);
  const pgUnavailable = await postgresAvailability(process.env.DATABASE_URL);
  const postgres = pgUnavailable === null ? await onEngine(postgresEngine(process.env.DATABASE_URL, null), prepared) : null;

  const fr = (n: number) => n.toLocaleString('fr-FR');
  const timed = prepared.bundles.slice(WARMUP);
  const bytes = Math.round(timed.reduce((s, b) => s + b.length, 0) / timed.length);
  const line = (name: string, run: { warmup: Throughput; timed: Throughput }, target: number) => {
    const { warmup, timed: t } = run;
    const before = warmup.bundles === 0 ? 'sans échauffement' : `échauffement : ${fr(warmup.bundles)} lots à ${fr(rate(warmup))} lots/s`;
    return `  ${name.padEnd(12)} ${fr(rate(t))} lots/s   (${fr(Math.round(t.candidates / t.seconds))} candidats/s ; objectif ≥ ${target} lots/s : ${rate(t) >= target ? 'atteint' : 'non atteint'} ; processeur du processus, tous fils : ${cpuMs(t)} ms par lot ; ${before})`;
  };
  console.log(`bench:platform — ${fr(N)} lots distincts de ${CANDIDATES_PER_BUNDLE} candidats (${fr(bytes)} octets en moyenne) chronométrés après ${fr(WARMUP)} autres, préparés en ${prepareSeconds.toFixed(1)} s, reçus par receiveBundle (la fonction de la route POST /api/bundles, sans HTTP), Node ${process.version}, un seul fil Node, ${IN_FLIGHT === 1 ? 'un lot à la fois' : `${IN_FLIGHT} lots en vol`} (le serveur PostgreSQL est un autre processus)`);
  console.log(line('SQLite', sqlite, 150));
  if (postgres === null) console.log(`  PostgreSQL   ignoré : ${pgUnavailable}`);
  else console.log(line('PostgreSQL', postgres, 100));
  console.log(`  référence    ${fr(raw)} vérifications RSA-2048 brutes/s   (crypto.verify de Node, SHA-256, même exécution)`);
  console.log(JSON.stringify({ bundlesPerSecond: rate(sqlite.timed), postgresBundlesPerSecond: postgres === null ? null : rate(postgres.timed), rawVerifiesPerSecond: raw }));
}

main().catch((error: unknown) => {
  console.error(`bench:platform : ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
