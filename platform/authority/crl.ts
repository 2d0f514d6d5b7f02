import crypto from 'node:crypto';
import forge from 'node-forge';
import { REVOCATION_REASONS, type RevocationReason } from './revocation-reason';

/**
 * A version 2 CRL (RFC 5280 §5) signed by the authority: sha256WithRSAEncryption, the authority's exact
 * subject as issuer, cRLNumber and authorityKeyIdentifier extensions, one entry per revoked serial with its
 * reasonCode (left out for `unspecified`, as §5.3.1 recommends). node-forge writes no CRL: the structure is
 * built with its ASN.1 module and signed with Node's crypto. Checked by `openssl crl -CAfile … -noout`.
 */
export interface CrlInput {
  authorityCertPem: string;
  authorityKeyPem: string;
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: { serialHex: string; revokedAt: Date; reason: RevocationReason }[];
}

const { create, Class, Type } = forge.asn1;
const OID_CRL_NUMBER = '2.5.29.20';
const OID_AUTHORITY_KEY_ID = '2.5.29.35';
const OID_REASON_CODE = '2.5.29.21';
const OID_SUBJECT_KEY_ID = '2.5.29.14';
const UTC_TIME_LAST_YEAR = 2049;

const seq = (...items: forge.asn1.Asn1[]) => create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
const oid = (id: string) => create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(id).getBytes());
const octets = (bytes: string) => create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes);

/** A non-negative INTEGER from its hex digits, minimal (a 00 byte only when the high bit is set). */
function integerFromHex(hex: string): forge.asn1.Asn1 {
  let bytes = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
  while (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0) bytes = bytes.subarray(1);
  if (((bytes[0] ?? 0) & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return create(Class.UNIVERSAL, Type.INTEGER, false, bytes.toString('binary'));
}

/** RFC 5280 §4.1.2.5: UTCTime up to 2049, GeneralizedTime after. */
function time(date: Date): forge.asn1.Asn1 {
  return date.getUTCFullYear() <= UTC_TIME_LAST_YEAR
    ? create(Class.UNIVERSAL, Type.UTCTIME, false, forge.asn1.dateToUtcTime(date))
    : create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, forge.asn1.dateToGeneralizedTime(date));
}

function extension(id: string, valueDer: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq(oid(id), octets(forge.asn1.toDer(valueDer).getBytes()));
}

/** The authority certificate's subject Name, byte for byte, and its subjectKeyIdentifier. */
function authorityFields(certPem: string): { subject: forge.asn1.Asn1; keyId: string } {
  const cert = forge.asn1.fromDer(forge.pem.decode(certPem)[0]!.body);
  const tbs = (cert.value as forge.asn1.Asn1[])[0]!;
  let fields = tbs.value as forge.asn1.Asn1[];
  if (fields[0]!.tagClass === Class.CONTEXT_SPECIFIC) fields = fields.slice(1);
  const subject = fields[4]!;
  const extensions = fields.find((f) => f.tagClass === Class.CONTEXT_SPECIFIC && f.type === 3);
  const list = extensions ? ((extensions.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[]) : [];
  const ski = list.find((e) => forge.asn1.derToOid((e.value as forge.asn1.Asn1[])[0]!.value as string) === OID_SUBJECT_KEY_ID);
  if (ski === undefined) throw new Error('le certificat de l’autorité n’a pas d’extension subjectKeyIdentifier');
  const skiValue = forge.asn1.fromDer((ski.value as forge.asn1.Asn1[]).at(-1)!.value as string);
  return { subject, keyId: skiValue.value as string };
}

export function buildCrlDer(input: CrlInput): Buffer {
  const { subject, keyId } = authorityFields(input.authorityCertPem);
  const algorithm = seq(oid(forge.pki.oids.sha256WithRSAEncryption!), create(Class.UNIVERSAL, Type.NULL, false, ''));
  const entries = input.revoked.map((r) => {
    const code = REVOCATION_REASONS[r.reason].code;
    const parts = [integerFromHex(r.serialHex), time(r.revokedAt)];
    if (r.reason !== 'unspecified') parts.push(seq(extension(OID_REASON_CODE, create(Class.UNIVERSAL, Type.ENUMERATED, false, String.fromCharCode(code)))));
    return seq(...parts);
  });
  const tbs = seq(
    create(Class.UNIVERSAL, Type.INTEGER, false, forge.asn1.integerToDer(1).getBytes()), // v2
    algorithm,
    subject,
    time(input.thisUpdate),
    time(input.nextUpdate),
    ...(entries.length > 0 ? [seq(...entries)] : []),
    create(Class.CONTEXT_SPECIFIC, 0, true, [seq(
      extension(OID_AUTHORITY_KEY_ID, seq(create(Class.CONTEXT_SPECIFIC, 0, false, keyId))),
      extension(OID_CRL_NUMBER, integerFromHex(input.crlNumber.toString(16))),
    )]),
  );
  const tbsDer = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  const signature = crypto.sign('sha256', tbsDer, crypto.createPrivateKey(input.authorityKeyPem));
  const list = seq(tbs, algorithm, create(Class.UNIVERSAL, Type.BITSTRING, false, `\u0000${signature.toString('binary')}`));
  return Buffer.from(forge.asn1.toDer(list).getBytes(), 'binary');
}

export function crlPem(der: Buffer): string {
  return forge.pem.encode({ type: 'X509 CRL', body: der.toString('binary') });
}
