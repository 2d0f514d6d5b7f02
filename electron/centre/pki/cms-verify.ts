import crypto from 'node:crypto';
import forge from 'node-forge';
import { chainToTrustedAuthority, validityProblem } from './certificate-chain';
import { readCertificate, readCertificatePem, subjectText, type CertificateInfo } from './certificate-info';
import { parseSignedData, type ParsedSignedData, type ParsedSignerInfo, type SignerIdentifier } from './cms-parse';
import { Class, DerShapeError, Type, primitive, time } from './der';
import { formatUtc } from './french-date';

export interface VerifiedSigner {
  /** "O=Lycée Érable, CN=0123456A" */
  subject: string;
  /** SHA-256 fingerprint of the signer's certificate, "AB:CD:…". */
  fingerprint: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** The signingTime attribute (ISO 8601), as claimed by the signer; null when absent. */
  signingTime: string | null;
  /** The signer certificate's extendedKeyUsage OIDs (empty when it has none). */
  extendedKeyUsage: readonly string[];
}

export type VerifyResult = { ok: true; signer: VerifiedSigner } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Instant at which every certificate of the chain must be valid; defaults to now (as `openssl cms -verify`). */
  at?: Date;
}

const OIDS = forge.pki.oids;
const SHA256 = OIDS.sha256!;
const RSA_SIGNATURE_ALGORITHMS = new Set([OIDS.rsaEncryption!, OIDS.sha256WithRSAEncryption!]);

/**
 * Verifies a detached CMS SignedData over `content` against one trusted authority (architecture §2):
 * (a) the messageDigest attribute is the SHA-256 of the content; (b) the signature covers the signed
 * attributes encoded as a SET; (c) the signer's certificate chains to `trustedCaPem` only.
 * Every refusal names what failed, in French.
 */
export function verifyDetached(content: Buffer, signatureDer: Buffer, trustedCaPem: string, options: VerifyOptions = {}): VerifyResult {
  let anchor: CertificateInfo;
  try {
    anchor = readCertificatePem(trustedCaPem);
  } catch {
    return { ok: false, reason: 'certificat de l’autorité de confiance illisible' };
  }
  let message: ParsedSignedData;
  let certificates: CertificateInfo[];
  try {
    message = parseSignedData(signatureDer);
    certificates = message.certificates.map(readCertificate);
  } catch (error) {
    return { ok: false, reason: `fichier de signature illisible (${unreadableDetail(error)})` };
  }
  if (message.hasEmbeddedContent) return { ok: false, reason: 'la signature n’est pas détachée : elle contient elle-même un contenu' };
  const [signerInfo, ...others] = message.signerInfos;
  if (signerInfo === undefined || others.length > 0) {
    return { ok: false, reason: `la signature doit avoir exactement un signataire (trouvé : ${message.signerInfos.length})` };
  }
  if (signerInfo.digestAlgorithm !== SHA256) {
    return { ok: false, reason: `algorithme d’empreinte non pris en charge : ${signerInfo.digestAlgorithm} (SHA-256 attendu)` };
  }
  if (!RSA_SIGNATURE_ALGORITHMS.has(signerInfo.signatureAlgorithm)) {
    return { ok: false, reason: `algorithme de signature non pris en charge : ${signerInfo.signatureAlgorithm} (RSA PKCS#1 v1.5 attendu)` };
  }
  const signer = certificates.find((cert) => identifies(signerInfo.signerId, cert));
  if (signer === undefined) return { ok: false, reason: 'le certificat du signataire est absent du fichier de signature' };
  if (signer.publicKey.asymmetricKeyType !== 'rsa') {
    return { ok: false, reason: `clé du signataire non prise en charge : ${signer.publicKey.asymmetricKeyType ?? 'inconnue'} (RSA attendue)` };
  }

  const signedBytes = checkSignedAttributes(content, message.contentType, signerInfo);
  if (!signedBytes.ok) return signedBytes;
  if (!crypto.verify('sha256', signedBytes.bytes, signer.publicKey, signerInfo.signature)) {
    return {
      ok: false,
      reason: signerInfo.signedAttributes === null
        ? 'la signature ne correspond pas au contenu (ou n’a pas été produite par la clé du certificat du signataire)'
        : 'signature invalide : elle n’a pas été produite par la clé du certificat du signataire, ou les attributs signés ont été modifiés',
    };
  }

  const chain = chainToTrustedAuthority(signer, certificates, anchor, options.at ?? new Date());
  if (!chain.ok) return chain;
  if (signer.keyUsage !== null && !signer.keyUsage.digitalSignature && !signer.keyUsage.nonRepudiation) {
    return { ok: false, reason: `le certificat du signataire (${subjectText(signer)}) n’autorise pas la signature de documents (usage de la clé)` };
  }
  if (signedBytes.signingTime !== null && validityProblem(signer, signedBytes.signingTime) !== null) {
    return { ok: false, reason: `signé le ${formatUtc(signedBytes.signingTime)}, hors de la période de validité du certificat du signataire (${formatUtc(signer.notBefore)} – ${formatUtc(signer.notAfter)})` };
  }
  return {
    ok: true,
    signer: {
      subject: subjectText(signer),
      fingerprint: signer.x509.fingerprint256,
      notBefore: signer.notBefore.toISOString(),
      notAfter: signer.notAfter.toISOString(),
      signingTime: signedBytes.signingTime?.toISOString() ?? null,
      extendedKeyUsage: signer.x509.keyUsage ?? [],
    },
  };
}

function identifies(id: SignerIdentifier, cert: CertificateInfo): boolean {
  return id.kind === 'issuerAndSerialNumber'
    ? id.issuerDer.equals(cert.issuerDer) && id.serialHex === cert.serialHex
    : id.keyIdHex === cert.subjectKeyIdHex;
}

type SignedBytes = { ok: true; bytes: Buffer; signingTime: Date | null } | { ok: false; reason: string };

/** The bytes the signature must cover, after checking the contentType and messageDigest attributes (RFC 5652 §5.3–5.4). */
function checkSignedAttributes(content: Buffer, contentType: string, signerInfo: ParsedSignerInfo): SignedBytes {
  const attributes = signerInfo.signedAttributes;
  if (attributes === null) {
    if (contentType !== OIDS.data) return { ok: false, reason: 'attributs signés absents alors que le contenu n’est pas de type « data »' };
    return { ok: true, bytes: content, signingTime: null };
  }
  try {
    const [declaredType, ...moreTypes] = attributes.values.get(OIDS.contentType!) ?? [];
    const [digest, ...moreDigests] = attributes.values.get(OIDS.messageDigest!) ?? [];
    if (declaredType === undefined || moreTypes.length > 0 || digest === undefined || moreDigests.length > 0) {
      return { ok: false, reason: 'fichier de signature illisible (attributs contentType et messageDigest attendus, une valeur chacun)' };
    }
    if (forge.asn1.derToOid(primitive(declaredType, Class.UNIVERSAL, Type.OID, 'contentType').toString('binary')) !== contentType) {
      return { ok: false, reason: 'fichier de signature illisible (l’attribut contentType ne correspond pas au type du contenu)' };
    }
    const expected = primitive(digest, Class.UNIVERSAL, Type.OCTETSTRING, 'messageDigest');
    if (!expected.equals(crypto.createHash('sha256').update(content).digest())) {
      return { ok: false, reason: 'la signature ne correspond pas au contenu : son empreinte SHA-256 diffère (le fichier a été modifié ou ce n’est pas le bon fichier)' };
    }
    const [signingTime] = attributes.values.get(OIDS.signingTime!) ?? [];
    return { ok: true, bytes: attributes.setDer, signingTime: signingTime === undefined ? null : time(signingTime, 'signingTime') };
  } catch (error) {
    return { ok: false, reason: `fichier de signature illisible (${unreadableDetail(error)})` };
  }
}

/** Our shape errors are French; forge's and Node's parse errors are not, so they get a generic phrase. */
function unreadableDetail(error: unknown): string {
  return error instanceof DerShapeError ? error.message : 'ce n’est pas une structure CMS/DER valide';
}
