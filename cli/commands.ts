import { z } from 'zod';
import { generateTest } from '../shared/certification/generation';
import { placementProfile } from '../shared/certification/profile';
import { indexContent } from '../shared/certification/referential';
import { scoreCertification } from '../shared/certification/scoring';
import { MAX_SEED } from '../shared/certification/seeded-random';
import { validateAnswer } from '../shared/certification/validation';
import { ValidationInput } from '../shared/formats/challenge';
import { Locale } from '../shared/formats/common';
import { ContentPackage } from '../shared/formats/content-package';
import type { GeneratedTest } from '../shared/formats/generated-test';
import { formatErrors, parseWith } from '../shared/formats/parse';
import { ProfilePackage, PupilProfile } from '../shared/formats/profile-package';
import { ScoringInput, type ScoringResult } from '../shared/formats/scoring';
import { CliError, readJsonFile } from './read-json';

/** Parses a JSON array whose every element must match `schema`; errors name the index and the field. */
function parseArrayFile<S extends z.ZodType>(file: string, schema: S): z.infer<S>[] {
  const data = readJsonFile(file);
  if (!Array.isArray(data)) throw new CliError(`${file} : un tableau JSON est attendu ([ … ]).`);
  const values: z.infer<S>[] = [];
  const errors: string[] = [];
  data.forEach((element, i) => {
    const parsed = parseWith(schema, element, `[${i}]`);
    if (parsed.ok) values.push(parsed.value);
    else errors.push(formatErrors(parsed.errors));
  });
  if (errors.length > 0) throw new CliError(`${file} : ${errors.length} élément(s) invalide(s)\n${errors.join('\n')}`);
  return values;
}

/** `passation validate FILE` — R-VAL: one status per `{challenge, answer}`, same order. */
export function validateCommand(file: string): string[] {
  return parseArrayFile(file, ValidationInput).map(({ challenge, answer }) => validateAnswer(challenge, answer).status);
}

/** `passation score FILE` — R-SCORE: one result per scoring input, same order. */
export function scoreCommand(file: string): ScoringResult[] {
  return parseArrayFile(file, ScoringInput).map(scoreCertification);
}

function parseDocument<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S> {
  const parsed = parseWith(schema, readJsonFile(file));
  if (!parsed.ok) throw new CliError(`${file} : ${what} invalide\n${formatErrors(parsed.errors)}`);
  return parsed.value;
}

/** A profile file is either one pupil's profile or a profile package (then `--pupil` names the pupil). */
function readProfile(file: string, pupilId: string | undefined): PupilProfile {
  const data = readJsonFile(file);
  if (data !== null && typeof data === 'object' && 'format' in data) {
    const pkg = parseDocument(file, ProfilePackage, 'paquet de profils');
    if (pupilId === undefined) {
      if (pkg.profiles.length === 1) return pkg.profiles[0]!;
      throw new CliError(`${file} contient ${pkg.profiles.length} profils : précisez l’élève avec --pupil ID.`, 2);
    }
    const profile = pkg.profiles.find((p) => p.pupilId === pupilId);
    if (!profile) throw new CliError(`${file} : aucun élève d’identifiant ${pupilId}.`);
    return profile;
  }
  const parsed = parseWith(PupilProfile, data);
  if (!parsed.ok) throw new CliError(`${file} : profil invalide\n${formatErrors(parsed.errors)}`);
  return parsed.value;
}

/** `passation generate` — R-GEN: the test drawn for a certifiable pupil; refuses a non-certifiable one (R-PROF-3). */
export function generateCommand(options: { content?: string; profile?: string; seed?: string; locale?: string; pupil?: string }): GeneratedTest {
  if (!options.content || !options.profile || options.seed === undefined) {
    throw new CliError('usage : passation generate --content CONTENU.json --profile PROFIL.json --seed N [--locale fr|en] [--pupil ID]', 2);
  }
  if (!/^\d+$/.test(options.seed) || Number(options.seed) > MAX_SEED) throw new CliError(`--seed : entier de 0 à ${MAX_SEED} attendu (reçu « ${options.seed} »).`, 2);
  const locale = Locale.safeParse(options.locale ?? 'fr');
  if (!locale.success) throw new CliError(`--locale : fr ou en attendu (reçu « ${options.locale} »).`, 2);
  const content = parseDocument(options.content, ContentPackage, 'paquet de contenu');
  const profile = readProfile(options.profile, options.pupil);
  const placement = placementProfile(profile.knowledgeElements);
  if (!placement.certifiable) throw new CliError(`${profile.firstName} ${profile.lastName} : ${placement.message}`);
  return generateTest(indexContent(content), profile, { seed: Number(options.seed), locale: locale.data });
}
