import { judgeAnswer, validateAnswer } from '../shared/certification/validation';
import { generateTest } from '../shared/certification/generation';
import { placementProfile } from '../shared/certification/profile';
import { indexContent } from '../shared/certification/referential';
import { scoreCertification } from '../shared/certification/scoring';
import { seededRandom } from '../shared/certification/seeded-random';
import { ContentPackage } from '../shared/formats/content-package';
import { formatErrors, parseWith } from '../shared/formats/parse';
import { ProfilePackage } from '../shared/formats/profile-package';
import type { ScoringChallenge } from '../shared/formats/scoring';
import { rightAnswerFor, wrongAnswerFor } from '../shared/testing/simulated-answer';
import { CONTENT_FILE, PROFILES_FILE } from '../fixtures/paths';
import { CliError, readJsonFile } from './read-json';

/** Demo candidates: pupil id and how often they answer right. */
const DEMO = [
  { pupilId: 'INE-0003', skill: 0.9 },
  { pupilId: 'INE-0011', skill: 0.75 },
  { pupilId: 'INE-0030', skill: 0.6 },
  { pupilId: 'INE-0007', skill: 0.4 },
  { pupilId: 'INE-0001', skill: 0.9 },
];

function load<T>(file: string, schema: Parameters<typeof parseWith>[0], what: string): T {
  const parsed = parseWith(schema, readJsonFile(file));
  if (!parsed.ok) throw new CliError(`${file} : ${what} invalide\n${formatErrors(parsed.errors)}`);
  return parsed.value as T;
}

/**
 * `passation demo` — sits a few demo pupils through the real core: profile → test (R-GEN) → answers validated
 * (R-VAL) → certified result (R-SCORE), and prints what a centre manager would read.
 */
export async function runDemo(out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  const content = load<ContentPackage>(CONTENT_FILE, ContentPackage, 'paquet de contenu');
  const profiles = load<ProfilePackage>(PROFILES_FILE, ProfilePackage, 'paquet de profils');
  const index = indexContent(content);
  out(`Passation — démonstration sur « ${content.id} » ${content.version} : ${content.challenges.length} épreuves, ${profiles.profiles.length} profils.`);
  out('');
  DEMO.forEach(({ pupilId, skill }, i) => {
    const profile = profiles.profiles.find((p) => p.pupilId === pupilId);
    if (!profile) throw new CliError(`profil ${pupilId} absent de ${PROFILES_FILE}`);
    const name = `${profile.firstName} ${profile.lastName.toUpperCase()}`;
    const placement = placementProfile(profile.knowledgeElements);
    if (!placement.certifiable) {
      out(`${name} — ne peut pas commencer. ${placement.message}`);
      out('');
      return;
    }
    const seed = 20261123 + i;
    const test = generateTest(index, profile, { seed, locale: 'fr' });
    const random = seededRandom(seed);
    const challenges: ScoringChallenge[] = test.challenges.map((tc) => {
      const challenge = index.challengeById.get(tc.challengeId)!;
      const answer = random.nextInt(100) < skill * 100 ? rightAnswerFor(challenge) : wrongAnswerFor(challenge);
      const validation = validateAnswer(challenge, answer).status;
      const status = judgeAnswer({ validation, timedOut: false, focusLost: false, focusedChallenge: challenge.focused ?? false, accessibilityAdjustment: false });
      return { id: tc.challengeId, competence: tc.competence, type: tc.type, neutralized: false, autoSkipped: false, status };
    });
    const result = scoreCertification({ maxLevel: 5, competences: test.competences, challenges, abortReason: null, fraud: false });
    const ok = challenges.filter((c) => c.status === 'ok').length;
    out(`${name} — ${test.challenges.length} épreuves (graine ${seed}), ${ok} réussies, taux de reproductibilité ${result.reproducibilityRate} %`);
    out(`  Résultat : ${STATUS_FR[result.status]} — ${result.pix} pix sur 640${result.reason ? ` (${result.reason})` : ''}`);
    out(`  ${result.competences.map((m) => `${m.code} : ${m.level < 0 ? 'non certifiée' : `niveau ${m.level}`}`).join(' · ')}`);
    out('');
  });
  out('Rejouer un tirage : npx passation generate --content fixtures/content/content-package.json --profile fixtures/profiles/profile-package.json --pupil INE-0003 --seed 20261123');
}

const STATUS_FR = { validated: 'validée', rejected: 'rejetée', cancelled: 'annulée', error: 'en erreur' } as const;
