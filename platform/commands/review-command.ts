import { CommandError, type CommandIo } from '../command-error';
import type { LookedUpResult } from '../storage/platform-store';
import { readConfig, withStore } from './authority-folder';
import { storeRefusalText } from './store-refusal-text';

const USAGE = 'usage : passation-platform review DOSSIER list | publish CODE --by NOM [--reason NOTE] | reject CODE --by NOM --reason MOTIF';
const CODE = /^P-[2346789BCDFGHJKMPQRTVWXY]{8}$/;

function describe(r: LookedUpResult): string {
  return `${r.verificationCode}  ${r.lastName} ${r.firstName} (né(e) le ${r.birthDate})  ${r.pix} pix  session du ${r.examDate}  ${r.centreName} (${r.centreId})`;
}

/**
 * `passation-platform review DIR list|publish CODE|reject CODE` (R-PUB-1, R-INC-1): the validated results that an
 * incident sent to a person's review (C1, C6) wait unpublished; the reviewer lists them, then publishes one (the
 * look-up by verification code finds it from then on) or rejects it (never shown), with their name and a note
 * kept with the decision. One decision a result; anything else is refused in French, nothing changed.
 */
export async function reviewCommand(dir: string, args: readonly string[], options: { by?: string; reason?: string }, io: CommandIo): Promise<void> {
  const [action, code, ...extra] = args;
  if (extra.length > 0 || (action === 'list' ? code !== undefined : (action !== 'publish' && action !== 'reject') || code === undefined)) {
    throw new CommandError(USAGE, 2);
  }
  const config = readConfig(dir);
  if (action === 'list') {
    const held = await withStore(dir, config, io, (store) => store.resultsHeldForReview());
    io.out(held.length === 0 ? 'Aucun résultat n’attend de revue.' : `${held.length} résultat(s) validé(s) en attente de revue (signalement C1 ou C6), non publiés :`);
    for (const r of held) io.out(`  ${describe(r)}`);
    return;
  }
  const verificationCode = code!.toUpperCase();
  if (!CODE.test(verificationCode)) throw new CommandError(`code de vérification invalide « ${code} » (P- suivi de 8 caractères)`);
  const by = options.by?.trim();
  if (!by) throw new CommandError(`--by : le nom de la personne qui a fait la revue est obligatoire\n${USAGE}`, 2);
  const note = options.reason?.trim() ?? '';
  if (action === 'reject' && note === '') throw new CommandError(`--reason : le motif du rejet est obligatoire\n${USAGE}`, 2);
  const decidedAt = io.now().toISOString();
  const decided = await withStore(dir, config, io, (store) => store.decideReview({
    verificationCode, decision: action === 'publish' ? 'published' : 'rejected', decidedAt, decidedBy: by, note,
  }));
  if (!decided.ok) throw new CommandError(storeRefusalText(decided.error));
  io.out(action === 'publish'
    ? `Publié le ${decidedAt} par ${by} : ${describe(decided.value)}. La recherche par code de vérification le trouve désormais.`
    : `Rejeté le ${decidedAt} par ${by} (${note}) : ${describe(decided.value)}. Il ne sera jamais publié.`);
}
