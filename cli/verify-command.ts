import fs from 'node:fs';
import { formatErrors, parseWith } from '../shared/formats/parse';
import { ContentPackage } from '../shared/formats/content-package';
import { AnyResultsDocument } from '../shared/formats/results';
import { readCertificatePem } from '../electron/centre/pki/certificate-info';
import { readBundle } from '../electron/centre/signing/read-bundle';
import { RESULTS_FILE } from '../electron/centre/signing/results-bundle';
import { rescoreDocument, type RescoredCandidate } from '../electron/centre/verification/rescore-document';
import { verifyBundle } from '../electron/centre/verification/verify-bundle';
import { CliError, readJsonFile } from './read-json';

function readFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`${file} : lecture impossible du ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * `passation verify BUNDLE.zip --ca authority.pem [--crl authority.crl]` (issue 9 §4) — each check on its own line,
 * ✓ or ✗, in French (with `--crl`, the authority's revocation list: a revoked centre certificate fails the chain);
 * exit 0 when all hold, 1 otherwise (2 for usage).
 */
export async function verifyCommand(file: string | undefined, options: { ca?: string; crl?: string }, out: (line: string) => void): Promise<number> {
  if (!file || !options.ca) throw new CliError('usage : passation verify LOT.zip --ca authority.pem [--crl authority.crl]', 2);
  const zip = readFile(file, 'lot de résultats');
  const authority = readFile(options.ca, 'certificat de l’autorité').toString('utf8');
  try {
    readCertificatePem(authority);
  } catch {
    throw new CliError(`${options.ca} : certificat de l’autorité illisible (un certificat X.509 en PEM est attendu)`);
  }
  const crl = options.crl === undefined ? undefined : readFile(options.crl, 'fichier de liste de révocation');
  const verification = await verifyBundle(zip, authority, crl === undefined ? {} : { crl });
  for (const check of verification.checks) {
    const [first, ...more] = check.detail.split('\n');
    out(`${check.ok ? '✓' : '✗'} ${check.name}${first ? ` : ${first}` : ''}`);
    for (const line of more) out(`    ${line}`);
  }
  const failed = verification.checks.filter((c) => !c.ok).length;
  out(failed === 0 ? `Lot de résultats valide : ${verification.checks.length} vérifications réussies.` : `Lot de résultats REFUSÉ : ${failed} vérification(s) sur ${verification.checks.length} en échec.`);
  return failed === 0 ? 0 : 1;
}

/**
 * `passation rescore BUNDLE.zip --content C` (issue 9 §4) — every candidate's result recomputed from the raw
 * answers, printed as a JSON array on stdout; whether it agrees with the document's provisional results on
 * `say` (stderr). Exit 0 when it agrees, 1 when it does not (2 for usage). Does not check the signature: that is
 * `passation verify`.
 */
export async function rescoreCommand(file: string | undefined, options: { content?: string }, print: (value: RescoredCandidate[]) => void, say: (line: string) => void): Promise<number> {
  if (!file || !options.content) throw new CliError('usage : passation rescore LOT.zip --content CONTENU.json', 2);
  const zip = readFile(file, 'lot de résultats');
  const content = parseWith(ContentPackage, readJsonFile(options.content));
  if (!content.ok) throw new CliError(`${options.content} : paquet de contenu invalide\n${formatErrors(content.errors)}`);
  const read = await readBundle(zip);
  if (!read.ok) throw new CliError(`${file} : ${read.reason}`);
  const results = read.files.find((f) => f.name === RESULTS_FILE);
  if (results === undefined) throw new CliError(`${file} : ${RESULTS_FILE} absent du lot`);
  let value: unknown;
  try {
    value = JSON.parse(results.bytes.toString('utf8'));
  } catch (error) {
    throw new CliError(`${file} : ${RESULTS_FILE} n’est pas du JSON (${(error as Error).message})`);
  }
  const document = parseWith(AnyResultsDocument, value);
  if (!document.ok) throw new CliError(`${file} : ${RESULTS_FILE} ne respecte pas le schéma\n${formatErrors(document.errors)}`);
  const rescoring = rescoreDocument(document.value, content.value);
  print(rescoring.candidates);
  if (rescoring.disagreements.length === 0) {
    say(`Accord : les résultats recalculés sont ceux du document (${rescoring.candidates.filter((c) => c.status !== null).length} candidat(s) testé(s)).`);
    return 0;
  }
  say(`DÉSACCORD avec les résultats du document (${rescoring.disagreements.length}) :`);
  for (const d of rescoring.disagreements) say(`  ${d}`);
  return 1;
}
