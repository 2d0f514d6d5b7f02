import fs from 'node:fs';
import type { PairingAnswer, PairingSituation, StationCertificate } from '../../shared/formats/kiosk-pairing-bridge';
import { CertificateRequest, PairingRequest } from '../../shared/formats/kiosk-pairing-requests';
import { adminAttempt, hashAdminCode, NO_ATTEMPTS, verifyAdminCode, type AdminAttempts } from './admin-code';
import { canonicalConfig, parseKioskConfig, type KioskConfig } from './kiosk-config';
import {
  acceptedPairingAnswer, deviceTokenFileFor, pairedConfig, pairingRefusal, pairingSituation, parseStationAddress, sameFingerprint,
  validatePairing, type ConfigOnDisk,
} from './pairing';
import { configHash } from './shell-context';
import { postPairing, readStationFingerprint, writeFileAtomic } from './station-pairing';

/**
 * Issue 8 §6 — the pairing page's two steps, as the main process runs them (Node, no Electron: the IPC glue,
 * pairing-window.ts, only hands requests here). Step 1 reads the station's certificate for the technician to
 * compare with the console's. Step 2 checks the form, reads the certificate again (it must be the one shown),
 * posts the code with the shell's build hash and the hash of the config it will write (the station records them:
 * docs/delivery-api.md « Attestation du poste »), then writes the device token and the config, atomically.
 */
export interface PairingFlowOptions {
  configFile: string;
  onDisk: ConfigOnDisk;
  /** The shell's build hash (shell-context.ts hashBuild). */
  buildHash: string;
  clock?: () => number;
  /** Tests: a cheaper scrypt for the new admin code. */
  hashCode?: (code: string) => string;
}

export interface PairingFlow {
  situation: PairingSituation;
  fetchCertificate(request: unknown): Promise<PairingAnswer<StationCertificate>>;
  pair(request: unknown): Promise<PairingAnswer<{ config: KioskConfig; kioskId: number }>>;
}

/** What the shell finds on disk at start: no file, a file it cannot use, or a config whose token is missing. */
export function readConfigOnDisk(configFile: string): ConfigOnDisk {
  let text: string;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', message: `${configFile} : illisible (${(e as NodeJS.ErrnoException).code ?? 'erreur'})` };
  }
  const parsed = parseKioskConfig(text);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.error.map((e) => `${configFile} : ${e.field} — ${e.message}`).join('\n') };
  return { kind: 'tokenUnusable', config: parsed.value, message: `jeton de poste absent ou illisible (${parsed.value.deviceTokenFile})` };
}

const problem = (field: string, message: string) => ({ ok: false as const, errors: [{ field, message }] });

export function createPairingFlow(options: PairingFlowOptions): PairingFlow | null {
  const situation = pairingSituation(options.onDisk, options.configFile);
  if (situation === null) return null;
  const existing = options.onDisk.kind === 'tokenUnusable' ? options.onDisk.config : null;
  const clock = options.clock ?? Date.now;
  const hashCode = options.hashCode ?? ((code: string) => hashAdminCode(code));
  let attempts: AdminAttempts = NO_ATTEMPTS;
  let busy = false;

  return {
    situation,
    async fetchCertificate(request) {
      const parsed = CertificateRequest.safeParse(request);
      if (!parsed.success) return problem('stationAddress', 'adresse de la station attendue');
      const station = parseStationAddress(parsed.data.stationAddress);
      if (!station.ok) return problem('stationAddress', station.error);
      const fingerprint = await readStationFingerprint(station.value);
      return fingerprint.ok ? { ok: true, value: { stationUrl: station.value.url, fingerprint: fingerprint.value } } : problem('stationAddress', fingerprint.error);
    },
    async pair(request) {
      const parsed = PairingRequest.safeParse(request);
      if (!parsed.success) return problem('(formulaire)', 'formulaire d’appairage incomplet');
      if (busy) return problem('(formulaire)', 'un appairage est déjà en cours');
      busy = true;
      try {
        // A re-pairing's admin code: tried through the technician exit's lockout (5 failures, 5 minutes).
        let lockedMessage: string | null = null;
        const valid = validatePairing(parsed.data, situation, (code) => {
          const outcome = adminAttempt(attempts, clock(), () => existing !== null && verifyAdminCode(code, existing.adminCodeHash));
          attempts = outcome.next;
          if (outcome.kind === 'locked') lockedMessage = outcome.message.replace('sortie technicien bloquée', 'appairage bloqué');
          return outcome.kind === 'accepted';
        });
        if (lockedMessage !== null) return problem('adminCode', lockedMessage);
        if (!valid.ok) return { ok: false, errors: valid.error };
        const pairing = valid.value;
        // The certificate again: the one the technician compared, or nothing is sent.
        const presented = await readStationFingerprint(pairing.station);
        if (!presented.ok) return problem('stationAddress', presented.error);
        if (!sameFingerprint(presented.value, pairing.fingerprint)) {
          return problem('confirmedFingerprint', `le certificat de la station (${presented.value}) n’est pas celui affiché : relisez-le et comparez-le à la console`);
        }
        const deviceTokenFile = existing?.deviceTokenFile ?? deviceTokenFileFor(options.configFile);
        const config = pairedConfig({
          pairing, deviceTokenFile,
          adminCodeHash: existing?.adminCodeHash ?? hashCode(pairing.newAdminCode!),
          permittedApplications: existing?.permittedApplications ?? [],
        });
        if (!config.ok) return { ok: false, errors: config.error };
        const answer = await postPairing(pairing.station, pairing.fingerprint, {
          code: pairing.code, name: pairing.kioskName, shell: { buildHash: options.buildHash, configHash: configHash(config.value) },
        });
        if (!answer.ok) return problem('stationAddress', answer.error);
        if (answer.value.status !== 201) return { ok: false, errors: pairingRefusal(answer.value.status, answer.value.body) };
        const accepted = acceptedPairingAnswer(answer.value.body, pairing.fingerprint);
        if (!accepted.ok) return { ok: false, errors: accepted.error };
        // The token first, then the config: a config on disk means a paired kiosk.
        try {
          writeFileAtomic(deviceTokenFile, `${accepted.value.deviceToken}\n`, 0o600);
          writeFileAtomic(options.configFile, `${JSON.stringify(JSON.parse(canonicalConfig(config.value)), null, 2)}\n`, 0o644);
        } catch (e) {
          return problem('(formulaire)', `appairé, mais la configuration n’a pas pu être écrite (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}) dans ${options.configFile} : droits d’écriture nécessaires ; refaites l’appairage avec un nouveau code`);
        }
        return { ok: true, value: { config: config.value, kioskId: accepted.value.kioskId } };
      } finally {
        busy = false;
      }
    },
  };
}
