import { subjectText, type CertificateInfo } from './certificate-info';
import { formatUtc } from './french-date';

export type ChainResult = { ok: true; chain: CertificateInfo[] } | { ok: false; reason: string };

/** Longest path accepted from the signer to the trusted authority (signer, intermediates, authority). */
export const MAX_CHAIN_LENGTH = 5;

/**
 * Builds and checks the path from `leaf` to the trusted authority `anchor` (architecture §2).
 * Only `anchor` is trusted: `candidates` (the certificates carried by the message) may serve as
 * intermediates, never as the end of the path. Every link is checked by its signature (Node crypto),
 * every issuer must be a CA (basicConstraints, and keyCertSign when keyUsage is present), every
 * certificate of the path, the authority included, must be valid at `at`.
 */
export function chainToTrustedAuthority(leaf: CertificateInfo, candidates: CertificateInfo[], anchor: CertificateInfo, at: Date): ChainResult {
  const chain: CertificateInfo[] = [leaf];
  let current = leaf;
  while (!current.der.equals(anchor.der)) {
    if (chain.length >= MAX_CHAIN_LENGTH) return { ok: false, reason: `chaîne de certificats trop longue (plus de ${MAX_CHAIN_LENGTH} certificats)` };
    const issuer = isIssuedBy(current, anchor)
      ? anchor
      : candidates.find((candidate) => !chain.some((c) => c.der.equals(candidate.der)) && isIssuedBy(current, candidate));
    if (issuer === undefined) {
      return { ok: false, reason: `le certificat du signataire n’est pas émis par l’autorité de confiance (${subjectText(anchor)})` };
    }
    if (!issuer.isCa || (issuer.keyUsage !== null && !issuer.keyUsage.keyCertSign)) {
      return { ok: false, reason: `le certificat émetteur « ${subjectText(issuer)} » n’est pas un certificat d’autorité` };
    }
    chain.push(issuer);
    current = issuer;
  }
  for (const cert of chain) {
    const problem = validityProblem(cert, at);
    if (problem !== null) return { ok: false, reason: problem };
  }
  return { ok: true, chain };
}

/** Same name, and the child's signature verifies with the issuer's public key. */
function isIssuedBy(child: CertificateInfo, issuer: CertificateInfo): boolean {
  if (!child.issuerDer.equals(issuer.subjectDer)) return false;
  try {
    return child.x509.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export function validityProblem(cert: CertificateInfo, at: Date): string | null {
  if (at.getTime() > cert.notAfter.getTime()) return `certificat expiré le ${formatUtc(cert.notAfter)} (${subjectText(cert)})`;
  if (at.getTime() < cert.notBefore.getTime()) return `certificat pas encore valide : valide à partir du ${formatUtc(cert.notBefore)} (${subjectText(cert)})`;
  return null;
}
