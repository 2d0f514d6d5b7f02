/**
 * The station under load, in its own process: `startStation` (the headless station: real SQLite file, HTTPS,
 * delivery plugin) on 127.0.0.1, reopening the data folder as it is (a restart after a crash reopens the same).
 * `--prepare-only --pupils N --sessions K` fills a new data folder with `prepareStation`, prints
 * `{"prepared":true}` and exits (its memory is not the station's). When listening, prints ONE JSON line:
 * `{"ready":true,"pid","url","port","fingerprint","certFile","preparedFile"}`. SIGTERM or SIGINT: prints
 * `{"stopped":true,"memory":{heapUsedMb,externalMb,arrayBuffersMb}}` (the highest seen) and stops cleanly.
 */
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startStation } from '../../electron/centre/station-runner';
import { STATION_TLS_DIR } from '../../electron/centre/server/station-certificate';
import { PREPARED_FILE, prepareStation } from './prepare-station';

export interface ServerReady {
  ready: true;
  pid: number;
  url: string;
  port: number;
  fingerprint: string;
  certFile: string;
  preparedFile: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      'prepare-only': { type: 'boolean', default: false },
      pupils: { type: 'string', default: '500' },
      sessions: { type: 'string', default: '1' },
    },
  });
  if (!values.data) throw new Error('--data DOSSIER est obligatoire');
  const dataDir = path.resolve(values.data);
  if (values['prepare-only']) {
    const sessions = await prepareStation(dataDir, { pupils: Number(values.pupils), sessions: Number(values.sessions) });
    process.stdout.write(`${JSON.stringify({ prepared: true, sessions: sessions.length })}\n`);
    return;
  }

  // The simulated kiosks have no shell to attest their requests (issue 8 §5): the load station runs without the check.
  const station = await startStation({ dataDir, host: '127.0.0.1', port: Number(values.port), kioskAttestation: 'demo' });
  const url = new URL(station.server.url);
  const ready: ServerReady = {
    ready: true,
    pid: process.pid,
    url: station.server.url,
    port: Number(url.port),
    fingerprint: station.server.certificateFingerprint ?? '',
    certFile: path.join(dataDir, STATION_TLS_DIR, 'cert.pem'),
    preparedFile: path.join(dataDir, PREPARED_FILE),
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);

  // Where the memory goes (the bench prints it beside the RSS): highest JS heap and external buffers seen.
  const memory = { heapUsedMb: 0, heapTotalMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  const sampleMemory = () => {
    const usage = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 1048576);
    memory.heapUsedMb = Math.max(memory.heapUsedMb, mb(usage.heapUsed));
    memory.heapTotalMb = Math.max(memory.heapTotalMb, mb(usage.heapTotal));
    memory.externalMb = Math.max(memory.externalMb, mb(usage.external));
    memory.arrayBuffersMb = Math.max(memory.arrayBuffersMb, mb(usage.arrayBuffers));
  };
  setInterval(sampleMemory, 1000).unref();
  // Event loop utilisation between two SIGUSR2 (the bench sends one when the load starts, one when it ends).
  let eluStart: EventLoopUtilization | null = null;
  let loopBusy: number | null = null;
  process.on('SIGUSR2', () => {
    if (eluStart === null) eluStart = performance.eventLoopUtilization();
    else loopBusy = Math.round(performance.eventLoopUtilization(eluStart).utilization * 100);
  });
  const stop = () => {
    sampleMemory();
    process.stdout.write(`${JSON.stringify({ stopped: true, memory, loopBusyPercent: loopBusy })}\n`);
    station.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`serveur : ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
