import crypto from 'node:crypto';
import { err, ok, type Result } from '../../shared/result';
import { CMS_OID } from './cms-oids';
import { children, DerError, expectTag, integerHex, oidText, readWhole, Tag, timeValue, type Tlv } from './der-reader';

/** What a detached CMS signature says once its cryptography holds (RFC 5652); trust is checked after (centre-trust.ts). */
export interface CmsSigner {
  certificate: crypto.X509Certificate;
  /** Every certificate the message carries (the chain). */
  certificates: crypto.X509Certificate[];
  /** The signingTime attribute, as claimed by the signer; null when absent. */
  signingTime: Date | null;
  /** SHA-256 of the content (what messageDigest holds, checked): the receipt names it. */
  contentSha256: Buffer;
}

const OID = CMS_OID;

/**
 * Verifies a detached CMS SignedData over `content`: one signer, SHA-256 with RSA, signed attributes present
 * (contentType = data, messageDigest = SHA-256 of the content), the signature over those attributes encoded as a
 * SET, by the key of the included certificate that the signer identifier names. A refusal says why, in French.
 */
export function verifyDetachedCms(content: Buffer, signatureDer: Buffer): Result<CmsSigner, string> {
  try {
    return verify(content, signatureDer);
  } catch (error) {
    if (error instanceof DerError) return err(`fichier de signature illisible (${error.message})`);
    return err('fichier de signature illisible (ce n’est pas une structure CMS/DER valide)');
  }
}

function verify(content: Buffer, signatureDer: Buffer): Result<CmsSigner, string> {
  const contentInfo = children(expectTag(readWhole(signatureDer, 'signature'), Tag.SEQUENCE, 'ContentInfo'));
  if (oidText(contentInfo[0]!) !== OID.signedData) return err('le fichier de signature n’est pas une signature CMS (SignedData)');
  const signedData = children(expectTag(children(expectTag(contentInfo[1], Tag.CONTEXT_0, 'SignedData'))[0], Tag.SEQUENCE, 'SignedData'));
  const encapsulated = children(expectTag(signedData[2], Tag.SEQUENCE, 'encapContentInfo'));
  if (oidText(encapsulated[0]!) !== OID.data) return err('la signature ne porte pas sur un contenu de type « data »');
  if (encapsulated.length > 1) return err('la signature n’est pas détachée : elle contient elle-même un contenu');
  const rest = signedData.slice(3);
  const certificateSet = rest.find((t) => t.tag === Tag.CONTEXT_0);
  const certificates = certificateSet === undefined ? [] : children(certificateSet).map((c) => certificateOf(c.bytes));
  const signerInfos = children(expectTag(rest.at(-1), Tag.SET, 'signerInfos'));
  if (signerInfos.length !== 1) return err(`la signature doit avoir exactement un signataire (trouvé : ${signerInfos.length})`);
  const info = children(expectTag(signerInfos[0], Tag.SEQUENCE, 'SignerInfo'));

  const [, sid, digestAlgorithm, attributes, signatureAlgorithm, signature] = info;
  if (oidText(children(expectTag(digestAlgorithm, Tag.SEQUENCE, 'digestAlgorithm'))[0]!) !== OID.sha256) {
    return err('algorithme d’empreinte non pris en charge (SHA-256 attendu)');
  }
  if (attributes?.tag !== Tag.CONTEXT_0) return err('attributs signés absents (contentType et messageDigest attendus)');
  const algorithm = oidText(children(expectTag(signatureAlgorithm, Tag.SEQUENCE, 'signatureAlgorithm'))[0]!);
  if (algorithm !== OID.rsaEncryption && algorithm !== OID.sha256WithRsa) return err('algorithme de signature non pris en charge (RSA PKCS#1 v1.5 attendu)');

  const signer = certificates.find((cert) => identifies(expectTag(sid, Tag.SEQUENCE, 'signerIdentifier'), cert));
  if (signer === undefined) return err('le certificat du signataire est absent du fichier de signature');
  if (signer.publicKey.asymmetricKeyType !== 'rsa') return err('clé du signataire non prise en charge (RSA attendue)');

  const values = attributeValues(attributes);
  const declaredType = values.get(OID.contentType);
  const digest = values.get(OID.messageDigest);
  if (declaredType?.length !== 1 || digest?.length !== 1) return err('fichier de signature illisible (attributs contentType et messageDigest attendus, une valeur chacun)');
  if (oidText(declaredType[0]!) !== OID.data) return err('l’attribut contentType ne correspond pas au type du contenu');
  const expected = expectTag(digest[0], Tag.OCTET_STRING, 'messageDigest').content;
  const contentSha256 = crypto.createHash('sha256').update(content).digest();
  if (!expected.equals(contentSha256)) {
    return err('la signature ne correspond pas au contenu : son empreinte SHA-256 diffère (le fichier a été modifié ou ce n’est pas le bon fichier)');
  }
  // RFC 5652 §5.4 — the signature covers the attributes' DER with the SET tag, not the [0] IMPLICIT one.
  const signedBytes = Buffer.concat([Buffer.from([Tag.SET]), attributes.bytes.subarray(1)]);
  if (!crypto.verify('sha256', signedBytes, signer.publicKey, expectTag(signature, Tag.OCTET_STRING, 'signature').content)) {
    return err('signature invalide : elle n’a pas été produite par la clé du certificat du signataire, ou les attributs signés ont été modifiés');
  }
  const time = values.get(OID.signingTime)?.[0];
  return ok({ certificate: signer, certificates, signingTime: time === undefined ? null : timeValue(time), contentSha256 });
}

/** issuerAndSerialNumber only (what forge and OpenSSL write by default). */
function identifies(sid: Tlv, cert: crypto.X509Certificate): boolean {
  const [issuer, serial] = children(sid);
  if (issuer === undefined || serial === undefined) return false;
  return integerHex(serial) === cert.serialNumber.toLowerCase().replace(/^(00)+(?=..)/, '') && issuer.bytes.equals(issuerOf(cert));
}

/**
 * Certificates parsed once per distinct DER: every bundle of a centre carries the same two (its own and the
 * authority's), and OpenSSL's parsing of them was ≈ 4 % of receiving a bundle. A parsed certificate never changes;
 * the map is emptied when it reaches its bound (a few hundred centres' certificates at most between two clears).
 */
const PARSED_CERTIFICATES_BOUND = 512;
const parsedCertificates = new Map<string, crypto.X509Certificate>();
const issuers = new WeakMap<crypto.X509Certificate, Buffer>();

function certificateOf(der: Buffer): crypto.X509Certificate {
  const key = der.toString('base64');
  let certificate = parsedCertificates.get(key);
  if (certificate === undefined) {
    certificate = new crypto.X509Certificate(der);
    if (parsedCertificates.size >= PARSED_CERTIFICATES_BOUND) parsedCertificates.clear();
    parsedCertificates.set(key, certificate);
  }
  return certificate;
}

/** The issuer Name's DER in a certificate (tbsCertificate: [0] version, serial, signature, issuer…). */
function issuerOf(cert: crypto.X509Certificate): Buffer {
  let issuer = issuers.get(cert);
  if (issuer === undefined) {
    const tbs = children(children(readWhole(cert.raw, 'certificat'))[0]!);
    const fields = tbs[0]?.tag === Tag.CONTEXT_0 ? tbs.slice(1) : tbs;
    issuer = fields[2]!.bytes;
    issuers.set(cert, issuer);
  }
  return issuer;
}

function attributeValues(attributes: Tlv): Map<string, Tlv[]> {
  const values = new Map<string, Tlv[]>();
  for (const attribute of children(attributes)) {
    const [type, set] = children(expectTag(attribute, Tag.SEQUENCE, 'attribut signé'));
    const oid = oidText(type!);
    if (values.has(oid)) throw new DerError(`attribut signé ${oid} en double`);
    values.set(oid, children(expectTag(set, Tag.SET, 'valeurs d’attribut')));
  }
  return values;
}
