import { Receipt } from '../../shared/formats/platform-api';
import { receiveBundle, type ReceiveContext } from '../../platform/receiving/receive-bundle';

export interface Throughput {
  bundles: number;
  candidates: number;
  seconds: number;
  /** CPU time of this process (user + system, every thread) over the timed run: steadier than the clock on a shared machine. */
  cpuSeconds: number;
}

/**
 * `npm run bench:platform` — receives every bundle through `receiveBundle`, the function the upload route
 * `POST /api/bundles` calls (platform/server/platform-server.ts), without HTTP, with `inFlight` bundles at a time on
 * this one thread: as the server does when several centres upload at once (each request's reading, checks and
 * rescoring run in turn on the one thread; what waits, a commit, lets the next one on). `inFlight` 1 is one bundle
 * after another. Every bundle must be a new one, accepted, with a receipt whose candidates the platform rescored to
 * the centre's results; the first refusal or mismatch stops the run with its message (a benchmark of refusals would
 * measure nothing).
 */
export async function receiveEach(context: ReceiveContext, bundles: readonly Buffer[], inFlight = 1): Promise<Throughput> {
  if (!Number.isInteger(inFlight) || inFlight < 1) throw new Error(`lots en vol : un entier positif est attendu, pas ${inFlight}`);
  const receipts: string[] = new Array<string>(bundles.length);
  let next = 0;
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  // `inFlight` lanes, each taking the next bundle as soon as its last one has its receipt.
  const lane = async (): Promise<void> => {
    while (next < bundles.length) {
      const i = next++;
      const received = await receiveBundle(context, bundles[i]!);
      if (!received.ok) throw new Error(`lot n° ${i + 1} refusé (${received.error.check}) : ${received.error.message}`);
      if (received.value.body.duplicate) throw new Error(`lot n° ${i + 1} : déjà reçu, les lots du banc doivent tous différer`);
      receipts[i] = received.value.body.receipt;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, bundles.length) }, lane));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Checked after the clock stops: what a centre reads in each receipt.
  let candidates = 0;
  for (const [i, text] of receipts.entries()) {
    const receipt = Receipt.parse(JSON.parse(text));
    const differing = receipt.candidates.filter((c) => !c.matchesCentre);
    if (differing.length > 0) throw new Error(`lot n° ${i + 1} : le recalcul diffère du centre pour ${differing.length} candidat(s)`);
    candidates += receipt.candidates.length;
  }
  return { bundles: bundles.length, candidates, seconds, cpuSeconds };
}
