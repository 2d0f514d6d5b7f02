import crypto from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';
import type { Centre, CertificateFacts } from '../storage/platform-store';

/** What the store knows of a signer's certificate (`certificateFacts`): read by the caller (effects at the edge), judged here. */
export type StoredFacts = CertificateFacts;

export interface TrustedCentre {
  centre: Centre;
  serialHex: string;
}

function frenchDate(date: Date): string {
  return date.toISOString().replace('T', ' à ').replace(/\.\d{3}Z$/, ' UTC');
}

/** The store's form of a serial: lower-case hex, no leading zero byte. */
export function serialOf(certificate: crypto.X509Certificate): string {
  return certificate.serialNumber.toLowerCase().replace(/^(00)+(?=..)/, '');
}

/** Whether a certificate was issued and signed by an authority: decided once per pair of parsed certificates (cms-verify.ts parses each DER once). */
const issuedBy = new WeakMap<crypto.X509Certificate, WeakMap<crypto.X509Certificate, boolean>>();

function isIssuedBy(signer: crypto.X509Certificate, authority: crypto.X509Certificate): boolean {
  let byAuthority = issuedBy.get(signer);
  if (byAuthority === undefined) {
    byAuthority = new WeakMap();
    issuedBy.set(signer, byAuthority);
  }
  let issued = byAuthority.get(authority);
  if (issued === undefined) {
    issued = signer.checkIssued(authority) && signer.verify(authority.publicKey);
    byAuthority.set(authority, issued);
  }
  return issued;
}

/**
 * Architecture §2, issue 9 §3 — may this certificate sign a centre's results, at `at`? Issued by the authority
 * (signature and names), valid at `at` (and the authority too), not a CA, a centre certificate this platform
 * issued and recorded (same fingerprint: a forged copy with the same serial is refused), not revoked.
 */
export function judgeCentreCertificate(signer: crypto.X509Certificate, authority: crypto.X509Certificate, facts: StoredFacts, at: Date): Result<TrustedCentre, string> {
  const issued = judgeIssuedCertificate(signer, authority, at);
  return issued.ok ? judgeStoredFacts(signer, facts) : issued;
}

/**
 * The part of judgeCentreCertificate that needs only the certificates and the clock: issued by the authority,
 * both valid at `at`, not a CA. The platform decides it before reading the store or the results (a bundle signed
 * by anyone else costs no more than its signature).
 */
export function judgeIssuedCertificate(signer: crypto.X509Certificate, authority: crypto.X509Certificate, at: Date): Result<void, string> {
  const subject = subjectOf(signer);
  if (!isIssuedBy(signer, authority)) {
    return err(`le certificat du signataire (${subject}) n’est pas émis par l’autorité de cette plateforme`);
  }
  for (const [who, cert] of [['du centre', signer], ['de l’autorité', authority]] as const) {
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    if (at < from) return err(`le certificat ${who} n’est pas encore valide (valide à partir du ${frenchDate(from)})`);
    if (at > to) return err(`le certificat ${who} a expiré le ${frenchDate(to)}`);
  }
  if (signer.ca) return err(`le certificat du signataire (${subject}) est une autorité, pas un centre`);
  return ok(undefined);
}

/** The rest, from what the store knows (certificateFacts): recorded by this platform as a centre's, not revoked, its centre known. */
export function judgeStoredFacts(signer: crypto.X509Certificate, facts: StoredFacts): Result<TrustedCentre, string> {
  const serialHex = serialOf(signer);
  const { issued, revocation, centre } = facts;
  if (issued === null || issued.kind !== 'centre' || issued.centreId === null || issued.fingerprintSha256 !== signer.fingerprint256) {
    return err(`le certificat n° ${serialHex} (${subjectOf(signer)}) n’est pas un certificat de centre enregistré par cette plateforme`);
  }
  if (revocation !== null) return err(`le certificat n° ${serialHex} du centre ${issued.centreId} est révoqué depuis le ${frenchDate(new Date(revocation.revokedAt))} (${revocation.reason})`);
  if (centre === null) return err(`le centre ${issued.centreId} est inconnu de cette plateforme`);
  return ok({ centre, serialHex });
}

function subjectOf(certificate: crypto.X509Certificate): string {
  return certificate.subject.split('\n').join(', ');
}
