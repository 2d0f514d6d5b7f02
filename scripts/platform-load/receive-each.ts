import { Receipt } from '../../shared/formats/platform-api';
import { receiveBundle, type ReceiveContext } from '../../platform/receiving/receive-bundle';

export interface Throughput {
  bundles: number;
  candidates: number;
  seconds: number;
  /** CPU time of this process (user + system) over the timed loop: steadier than the clock on a shared machine. */
  cpuSeconds: number;
}

/**
 * `npm run bench:platform` — receives each bundle in turn, one at a time, through `receiveBundle`: the function
 * the upload route `POST /api/bundles` calls (platform/server/platform-server.ts), without HTTP. Every bundle must
 * be a new one, accepted, with a receipt whose candidates the platform rescored to the centre's results; the
 * first refusal or mismatch stops the run with its message (a benchmark of refusals would measure nothing).
 */
export async function receiveEach(context: ReceiveContext, bundles: readonly Buffer[]): Promise<Throughput> {
  const receipts: string[] = [];
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (const [i, zip] of bundles.entries()) {
    const received = await receiveBundle(context, zip);
    if (!received.ok) throw new Error(`lot n° ${i + 1} refusé (${received.error.check}) : ${received.error.message}`);
    if (received.value.body.duplicate) throw new Error(`lot n° ${i + 1} : déjà reçu, les lots du banc doivent tous différer`);
    receipts.push(received.value.body.receipt);
  }
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
