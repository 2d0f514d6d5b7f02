import crypto from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo } from './certificate-info';
import { Class, DerShapeError, Type, isTag, oid, parseDer, primitive, sequence, time, toDer } from './der';
import { formatUtc } from './french-date';

/** A CRL (RFC 5280 §5) as read: who issued it, when, and each revoked serial (content bytes of the INTEGER, hex). */
export interface RevocationList {
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: ReadonlyMap<string, Date>;
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
}

const SHA256_WITH_RSA = forge.pki.oids.sha256WithRSAEncryption!;

/** A CRL from its PEM (`-----BEGIN X509 CRL-----`, what `passation-platform crl` writes) or DER bytes. */
export function readRevocationList(bytes: Buffer): { ok: true; crl: RevocationList } | { ok: false; reason: string } {
  let der = bytes;
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN X509 CRL-----')) {
    try {
      der = Buffer.from(forge.pem.decode(text).find((m) => m.type === 'X509 CRL')!.body, 'binary');
    } catch {
      return { ok: false, reason: 'liste de révocation illisible (PEM « X509 CRL » invalide)' };
    }
  }
  try {
    const [tbs, algorithm, signature] = sequence(parseDer(der), 'liste de révocation (CertificateList)');
    let fields = sequence(tbs, 'TBSCertList');
    if (isTag(fields[0], Class.UNIVERSAL, Type.INTEGER)) fields = fields.slice(1); // version v2
    const [, issuer, thisUpdate, maybeNext, ...rest] = fields;
    sequence(issuer, 'émetteur de la liste');
    const hasNext = isTag(maybeNext, Class.UNIVERSAL, Type.UTCTIME) || isTag(maybeNext, Class.UNIVERSAL, Type.GENERALIZEDTIME);
    const entriesNode = [...(hasNext ? [] : [maybeNext]), ...rest].find((n) => isTag(n, Class.UNIVERSAL, Type.SEQUENCE));
    const revoked = new Map<string, Date>();
    for (const entry of entriesNode === undefined ? [] : sequence(entriesNode, 'certificats révoqués')) {
      const [serial, revokedAt] = sequence(entry, 'entrée de la liste');
      revoked.set(primitive(serial, Class.UNIVERSAL, Type.INTEGER, 'numéro de série révoqué').toString('hex'), time(revokedAt, 'date de révocation'));
    }
    const bits = primitive(signature, Class.UNIVERSAL, Type.BITSTRING, 'signature de la liste');
    return {
      ok: true,
      crl: {
        issuerDer: toDer(issuer!), thisUpdate: time(thisUpdate, 'date thisUpdate'), nextUpdate: hasNext ? time(maybeNext, 'date nextUpdate') : null,
        revoked, tbsDer: toDer(tbs!), signatureAlgorithm: oid(sequence(algorithm, 'algorithme de signature')[0], 'algorithme de signature'),
        signature: bits.subarray(1),
      },
    };
  } catch (error) {
    return { ok: false, reason: `liste de révocation illisible (${error instanceof DerShapeError ? error.message : 'ce n’est pas une CRL X.509 en PEM ou DER'})` };
  }
}

/**
 * The list is the authority's own (its subject as issuer, its signature, sha256WithRSAEncryption), issued before
 * `at` (the auditor's clock) and not past its nextUpdate then. Null when it holds, else the reason in French.
 */
export function revocationListProblem(crl: RevocationList, authority: CertificateInfo, at: Date): string | null {
  if (!crl.issuerDer.equals(authority.subjectDer)) return 'la liste de révocation n’est pas émise par l’autorité de confiance';
  if (crl.signatureAlgorithm !== SHA256_WITH_RSA) return `liste de révocation signée par un algorithme non pris en charge (${crl.signatureAlgorithm})`;
  if (!crypto.verify('sha256', crl.tbsDer, authority.publicKey, crl.signature)) return 'la signature de la liste de révocation n’est pas celle de l’autorité';
  if (crl.thisUpdate.getTime() > at.getTime() + 5 * 60_000) return `liste de révocation datée du ${formatUtc(crl.thisUpdate)}, après l’heure de cette machine`;
  if (crl.nextUpdate !== null && crl.nextUpdate.getTime() < at.getTime()) {
    return `liste de révocation périmée depuis le ${formatUtc(crl.nextUpdate)} : procurez-vous la liste à jour auprès de l’autorité`;
  }
  return null;
}
