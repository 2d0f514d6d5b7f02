import { README_FILE, RESULTS_FILE, SIGNATURE_FILE } from './results-bundle';

export interface ReadmeFacts {
  sessionNumber: number;
  centre: string;
  signedAt: Date;
  /** Subject of the centre's certificate. */
  signer: string;
  certificateFingerprint: string;
  /** SHA-256 (hex) of results.json. */
  resultsSha256: string;
  authorityFingerprint: string;
  /** The extra files (the PDFs), with what each one is. */
  extraFiles?: { name: string; description: string }[];
}

/** The exact command that verifies the signature with OpenSSL (architecture §2). */
export const OPENSSL_VERIFY_COMMAND = `openssl cms -verify -binary -inform DER -content ${RESULTS_FILE} -in ${SIGNATURE_FILE} -CAfile authority.pem -purpose any`;

const CRLF = '\r\n';

/** What audit.jsonl is, in the file list (its SHA-256 and head are in results.json, field auditChain). */
export const AUDIT_LOG_DESCRIPTION = 'le journal d’audit jusqu’à la finalisation, un événement par ligne (voir ci-dessous).';

/** LISEZMOI.txt, in French, CRLF line ends (read on Windows as well): what each file is and how to check it. */
export function bundleReadme(facts: ReadmeFacts): string {
  const date = facts.signedAt.toISOString().replace('T', ' à ').replace(/\.\d{3}Z$/, ' UTC');
  const lines = [
    `Lot de résultats signé — session n° ${facts.sessionNumber} — ${facts.centre}`,
    '',
    `Signé le ${date} par le centre :`,
    `  ${facts.signer}`,
    `  empreinte SHA-256 du certificat : ${facts.certificateFingerprint}`,
    '',
    'Fichiers',
    `  ${RESULTS_FILE.padEnd(22)} le document de résultats de la session (JSON canonique, RFC 8785) : candidats,`,
    `  ${''.padEnd(22)} réponses, signalements, résultats provisoires et tête du journal d’audit.`,
    `  ${''.padEnd(22)} SHA-256 : ${facts.resultsSha256}`,
    `  ${SIGNATURE_FILE.padEnd(22)} sa signature CMS détachée (DER, SHA-256) par le certificat du centre,`,
    `  ${''.padEnd(22)} avec la chaîne de certificats jusqu’à l’autorité.`,
    `  ${README_FILE.padEnd(22)} ce fichier (il n’est pas signé).`,
    ...(facts.extraFiles ?? []).map((f) => `  ${f.name.padEnd(22)} ${f.description}`),
    '',
    'Vérifier la signature (OpenSSL 1.1 ou 3), dans le dossier où les fichiers sont extraits :',
    `  ${OPENSSL_VERIFY_COMMAND}`,
    'OpenSSL affiche le document puis « CMS Verification successful » quand la signature est valide et que le',
    'certificat du centre est émis par l’autorité ; la moindre modification d’un octet de results.json ou de la',
    'signature fait échouer la vérification (« Verification failure »).',
    '',
    'Vérifier le journal d’audit : son SHA-256 (sha256sum audit.jsonl) est auditChain.logSha256 de results.json ;',
    'chaque ligne n donne h(n) = SHA-256(h(n-1) + ligne n) en hexadécimal, h(0) = 64 zéros, et h(dernière) est',
    'auditChain.head (passation verify le recalcule).',
    '',
    'authority.pem est le certificat de l’autorité de certification. Ne le prenez pas dans ce lot : obtenez-le',
    'de l’autorité elle-même, et comparez son empreinte SHA-256 :',
    `  ${facts.authorityFingerprint}`,
    '  (openssl x509 -in authority.pem -noout -fingerprint -sha256)',
    '',
  ];
  return lines.join(CRLF);
}
