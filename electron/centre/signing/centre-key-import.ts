import { ok, type Result } from '../../../shared/result';
import { chainToTrustedAuthority } from '../pki/certificate-chain';
import { readCertificatePem, subjectText } from '../pki/certificate-info';
import { formatUtc } from '../pki/french-date';
import { importPkcs12, type Pkcs12Problem } from '../pki/pkcs12';
import { refuse, type Refusal, type RefusalCode } from '../storage/refusal';
import type { CentreSigner } from './centre-key-store';

const PKCS12_REFUSAL: Readonly<Record<Pkcs12Problem, RefusalCode>> = {
  unreadable: 'pkcs12Unreadable',
  noKey: 'pkcs12Unreadable',
  noCertificate: 'pkcs12Unreadable',
  wrongPassword: 'keyPasswordWrong',
  keyMismatch: 'keyMismatch',
};

/**
 * Architecture §2 — the centre's PKCS#12, read with its password and checked before anything is kept: the key
 * matches the certificate, the certificate is valid at `at` and issued by the trusted authority (`authority.pem`
 * of the data folder). Each refusal has its code and a French message naming what is wrong.
 */
export function readCentreKey(pkcs12: Buffer, password: string, authorityPem: string, at: Date): Result<CentreSigner, Refusal> {
  const contents = importPkcs12(pkcs12, password);
  if (!contents.ok) return refuse(PKCS12_REFUSAL[contents.problem], contents.problem === 'wrongPassword' ? 'password' : 'pkcs12', `Fichier PKCS#12 refusé : ${contents.reason}.`);
  const checked = checkCentreCertificate(contents.certPem, contents.chainPems, authorityPem, at);
  if (!checked.ok) return checked;
  return ok({ certPem: contents.certPem, keyPem: contents.keyPem, chainPems: contents.chainPems });
}

/** The centre's certificate is valid at `at` and chains to the trusted authority (at import, and again at each signature). */
export function checkCentreCertificate(certPem: string, chainPems: string[], authorityPem: string, at: Date): Result<null, Refusal> {
  const leaf = readCertificatePem(certPem);
  if (at.getTime() > leaf.notAfter.getTime()) {
    return refuse('certificateExpired', 'pkcs12', `Certificat du centre expiré le ${formatUtc(leaf.notAfter)} (${subjectText(leaf)}) : demandez-en un nouveau à l’autorité.`);
  }
  if (at.getTime() < leaf.notBefore.getTime()) {
    return refuse('certificateNotYetValid', 'pkcs12', `Certificat du centre pas encore valide : valide à partir du ${formatUtc(leaf.notBefore)} (${subjectText(leaf)}). Vérifiez l’horloge du poste.`);
  }
  const chain = chainToTrustedAuthority(leaf, chainPems.map(readCertificatePem), readCertificatePem(authorityPem), at);
  if (!chain.ok) return refuse('certificateUntrusted', 'pkcs12', `Certificat du centre refusé : ${chain.reason}.`);
  return ok(null);
}
