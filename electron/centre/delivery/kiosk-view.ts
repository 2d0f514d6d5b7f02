import { extendedTimer } from '../../../shared/certification/validation';
import type { Asset, Challenge } from '../../../shared/formats/content-package';
import type { KioskAsset, KioskChallenge } from '../../../shared/formats/kiosk-api';
import type { KioskInstruction } from '../../../shared/formats/kiosk-instruction';
import { instructionBlocks } from '../../../shared/formats/kiosk-instruction-markdown';

/** Where the kiosk fetches an asset of its test (the route checks the asset belongs to the candidate's test). */
export const assetUrl = (assetId: string): string => `/api/kiosk/assets/${encodeURIComponent(assetId)}`;

/**
 * R-CHAL-3 — the kiosk's view of a challenge, built by PICKING the fields a candidate may see (never by
 * deleting the solution from a copy: a field added to the content format later stays on the station until
 * someone decides to send it). R-VAL-6 — the timer is extended by the candidate's extra time. R-CHAL-1 — the
 * instruction's markdown goes as the kiosk's typed tree (no markdown, no HTML parsed in the page).
 */
export function kioskChallenge(challenge: Challenge, position: number, assets: ReadonlyMap<string, Asset>, extraTimePercent: number): KioskChallenge {
  const view: KioskChallenge = {
    challengeId: challenge.id,
    position,
    type: challenge.type,
    instruction: kioskInstruction(challenge.instruction),
    proposals: challenge.proposals,
    format: challenge.format,
    focused: challenge.focused === true,
  };
  if (challenge.alternativeInstruction !== undefined) view.alternativeInstruction = challenge.alternativeInstruction;
  if (challenge.illustration !== undefined) {
    view.illustration = { asset: kioskAsset(challenge.illustration.asset, assets), alt: challenge.illustration.alt };
  }
  if (challenge.attachment !== undefined) {
    view.attachment = { assets: challenge.attachment.assets.map((id) => kioskAsset(id, assets)) };
  }
  if (challenge.embed !== undefined) {
    view.embed = { url: challenge.embed.url, title: challenge.embed.title, height: challenge.embed.height };
  }
  if (challenge.timer !== undefined) {
    view.timer = { seconds: extendedTimer(challenge.timer, extraTimePercent), baseSeconds: challenge.timer };
  }
  return view;
}

/**
 * The tree of an instruction, prepared once per distinct markdown (0.05 to 0.3 ms each, 32 per test start): a
 * content package holds a few hundred instructions; past the bound (another package) the cache starts again.
 * The trees are shared between responses: they are only ever serialised, never changed.
 */
const instructionTrees = new Map<string, KioskInstruction>();
const INSTRUCTION_TREES_KEPT = 2_000;

export function kioskInstruction(markdown: string): KioskInstruction {
  let tree = instructionTrees.get(markdown);
  if (tree === undefined) {
    if (instructionTrees.size >= INSTRUCTION_TREES_KEPT) instructionTrees.clear();
    tree = instructionBlocks(markdown);
    instructionTrees.set(markdown, tree);
  }
  return tree;
}

function kioskAsset(id: string, assets: ReadonlyMap<string, Asset>): KioskAsset {
  const asset = assets.get(id);
  // The content package's schema guarantees every named asset exists; an absent one is a bug upstream.
  if (!asset) throw new Error(`ressource absente du paquet de contenu : ${id}`);
  return { id: asset.id, fileName: asset.fileName, mediaType: asset.mediaType, sha256: asset.sha256, url: assetUrl(asset.id) };
}

/** The asset ids a challenge shows (illustration and attachment files). */
export function assetIdsOf(challenge: Challenge): string[] {
  return [...(challenge.illustration ? [challenge.illustration.asset] : []), ...(challenge.attachment?.assets ?? [])];
}

/** R-VAL-6 — the extended timers of the given challenges, by id (untimed ones left out). */
export function extendedTimers(challenges: readonly Challenge[], extraTimePercent: number): Record<string, number> {
  const timers: Record<string, number> = {};
  for (const c of challenges) if (c.timer !== undefined) timers[c.id] = extendedTimer(c.timer, extraTimePercent);
  return timers;
}
