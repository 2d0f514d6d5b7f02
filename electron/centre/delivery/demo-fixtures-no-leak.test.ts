import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { placementProfile } from '../../../shared/certification/profile';
import type { Challenge, ContentPackage } from '../../../shared/formats/content-package';
import type { ProfilePackage } from '../../../shared/formats/profile-package';
import type { CandidateInput } from '../../../shared/formats/session';
import { rightAnswerFor, wrongAnswerFor } from '../../../shared/testing/simulated-answer';
import { enterTest, startHarness, type Harness } from '../testing/test-harness';

/**
 * R-CHAL-3 on the demo content: several pupils sit their whole test through the kiosk routes (right and wrong
 * answers, skips, state polls, assets) and no response body ever carries a solution or an accepted variant.
 */
const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures');
const content = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'content', 'content-package.json'), 'utf8')) as ContentPackage;
const profiles = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'profiles', 'profile-package.json'), 'utf8')) as ProfilePackage;
const byId = new Map(content.challenges.map((c) => [c.id, c]));
const assetById = new Map(content.assets.map((a) => [a.id, a]));
const PUPILS = 4;

const pupils = profiles.profiles.filter((p) => placementProfile(p.knowledgeElements).certifiable)
  .sort((a, b) => b.knowledgeElements.length - a.knowledgeElements.length).slice(0, PUPILS);
const roster: CandidateInput[] = pupils.map((p) => ({
  lastName: p.lastName, firstName: p.firstName, sex: 'F', birthDate: p.birthDate, birthplace: { kind: 'insee', code: '75056' }, externalId: p.pupilId,
}));

let h: Harness;
const served = new Set<string>();
beforeAll(async () => { h = await startHarness({ content, profiles, roster }); });
afterAll(async () => { await h.close(); });

function variantsOf(challenge: Challenge): string[] {
  const s = challenge.solution as { variants?: string[]; fields?: Record<string, string[]>; groups?: string[][] };
  return [...(s.variants ?? []), ...Object.values(s.fields ?? {}).flat(), ...(s.groups ?? []).flat()];
}

/** What a candidate legitimately sees of a challenge (a select's options, a file name may be a variant). */
function visibleText(challenge: Challenge): string {
  const assetIds = [...(challenge.illustration ? [challenge.illustration.asset] : []), ...(challenge.attachment?.assets ?? [])];
  return [challenge.instruction, challenge.alternativeInstruction, challenge.proposals, challenge.illustration?.alt, challenge.embed?.title, challenge.embed?.url,
    ...assetIds.flatMap((id) => [id, assetById.get(id)?.fileName, assetById.get(id)?.mediaType])]
    .filter((t) => t !== undefined).join('\n');
}

test('the demo pupils sit their whole tests', async () => {
  expect(pupils).toHaveLength(PUPILS);
  for (const [n, pupil] of pupils.entries()) {
    const kiosk = await h.pairKiosk(`Poste ${n + 1}`);
    const { entry, test: started } = await enterTest(h, kiosk, pupil.lastName);
    expect(started.status).toBe(200);
    for (const [i, view] of (started.json.challenges as { challengeId: string; illustration?: { asset: { url: string } } }[]).entries()) {
      served.add(view.challengeId);
      if (view.illustration) expect((await h.kiosk('GET', view.illustration.asset.url, kiosk, entry)).status).toBe(200);
      const challenge = byId.get(view.challengeId)!;
      const given = i % 4 === 3 ? { skipped: true as const } : i % 2 === 0 ? rightAnswerFor(challenge) : wrongAnswerFor(challenge);
      const ack = await h.kiosk('POST', '/api/kiosk/answers', kiosk, entry, {
        challengeId: view.challengeId, answer: given, clientAnswerId: `a${i}`, elapsedMs: 1000 * i, timedOut: false, focusLost: false,
      });
      expect(ack.status).toBe(200);
      if (i % 5 === 0) await h.kiosk('GET', '/api/kiosk/state', kiosk, entry);
    }
    expect((await h.kiosk('GET', '/api/kiosk/state', kiosk, entry)).json.state).toBe('completed');
  }
  const types = new Set([...served].map((id) => byId.get(id)!.type));
  expect(types).toEqual(new Set(['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep']));
});

test('R-CHAL-3 — no response carried a solution or a variant of a challenge served', () => {
  // Assets are the content's own images and files, shown as they are: the search covers every JSON answer.
  const bodies = h.responses.filter((r) => String(r.headers['content-type']).startsWith('application/json')).map((r) => r.text);
  expect(bodies.length).toBeGreaterThan(100);
  const visible = [...served].map((id) => visibleText(byId.get(id)!)).join('\n');
  let searched = 0;
  for (const id of served) {
    const challenge = byId.get(id)!;
    for (const body of bodies) expect(body).not.toContain(JSON.stringify(challenge.solution));
    for (const variant of variantsOf(challenge)) {
      if (visible.includes(variant)) continue; // shown to every candidate anyway (select options, examples)
      const escaped = JSON.stringify(variant).slice(1, -1);
      // Short or hex-like variants ("9", "ko", "12") would match dates, digests and tokens: look for them as a whole JSON string.
      const needle = escaped.length < 4 || /^[0-9a-f]+$/i.test(escaped) ? `"${escaped}"` : escaped;
      for (const body of bodies) expect(body.includes(needle), `variante « ${variant} » de ${id}`).toBe(false);
      searched++;
    }
  }
  expect(searched).toBeGreaterThan(100);
});
