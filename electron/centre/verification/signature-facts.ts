import forge from 'node-forge';
import { readCertificate, type CertificateInfo } from '../pki/certificate-info';
import { parseSignedData, type SignerIdentifier } from '../pki/cms-parse';
import { Class, DerShapeError, Type, children, isTag, parseDer, primitive, sequence, time, toDer } from '../pki/der';

/** What an auditor reads from a CMS signature before trusting it: the signer's certificate, the others, the claimed time. */
export interface SignatureFacts {
  signer: CertificateInfo;
  certificates: CertificateInfo[];
  /** The signingTime signed attribute; null when absent (the PDFs' CAdES has none). */
  signingTime: Date | null;
}

export type SignatureFactsResult = { ok: true; facts: SignatureFacts } | { ok: false; reason: string };

const OIDS = forge.pki.oids;
/** AlgorithmIdentifier DER as written: SHA-256 (parameters NULL or absent); RSA PKCS#1 v1.5 (NULL). */
const SHA256_IDS = new Set(['300d06096086480165030402010500', '300b0609608648016503040201']);
const RSA_IDS = new Set(['300d06092a864886f70d0101010500', '300d06092a864886f70d01010b0500']);

/**
 * Reads a detached CMS signature as the centre writes it (pki/cms-sign.ts, pki/cades-sign.ts) and refuses any
 * other shape: DER that re-encodes to the same bytes, SignedData version 1 with SHA-256 as its only digest
 * algorithm, one SignerInfo of version 1 whose certificate is in the message. The fields `verifyDetached` does not
 * read are checked here, so that no byte of the file can change unnoticed.
 */
export function signatureFacts(der: Buffer): SignatureFactsResult {
  try {
    const root = parseDer(der);
    if (!toDer(root).equals(der)) return { ok: false, reason: 'fichier de signature : encodage DER non canonique' };
    const [, explicit] = sequence(root, 'ContentInfo');
    const [signedData] = children(explicit, Class.CONTEXT_SPECIFIC, 0, 'contenu [0]');
    const fields = sequence(signedData, 'SignedData');
    if (primitive(fields[0], Class.UNIVERSAL, Type.INTEGER, 'version').toString('hex') !== '01') {
      return { ok: false, reason: 'fichier de signature : version de SignedData différente de 1' };
    }
    const digests = children(fields[1], Class.UNIVERSAL, Type.SET, 'digestAlgorithms');
    if (digests.length !== 1 || !SHA256_IDS.has(toDer(digests[0]!).toString('hex'))) return { ok: false, reason: 'fichier de signature : SHA-256 attendu comme seul algorithme d’empreinte' };
    // version, encapContentInfo, [0] certificates, signerInfos: no CRLs, nothing else.
    if (fields.length !== 5 || !isTag(fields[3], Class.CONTEXT_SPECIFIC, 0)) return { ok: false, reason: 'fichier de signature : SignedData inattendu (certificats seuls, sans liste de révocation)' };
    const signerInfos = children(fields[4], Class.UNIVERSAL, Type.SET, 'SignerInfos');
    const fieldsOfSigner = signerInfos.length === 1 ? sequence(signerInfos[0], 'SignerInfo') : [];
    // version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature: no unsigned attributes.
    if (fieldsOfSigner.length !== 6 || primitive(fieldsOfSigner[0], Class.UNIVERSAL, Type.INTEGER, 'version').toString('hex') !== '01' || !isTag(fieldsOfSigner[3], Class.CONTEXT_SPECIFIC, 0)) {
      return { ok: false, reason: 'fichier de signature : un seul signataire attendu (SignerInfo version 1, attributs signés, sans attribut non signé)' };
    }
    if (!SHA256_IDS.has(toDer(fieldsOfSigner[2]!).toString('hex')) || !RSA_IDS.has(toDer(fieldsOfSigner[4]!).toString('hex'))) {
      return { ok: false, reason: 'fichier de signature : algorithmes SHA-256 et RSA attendus, paramètres compris' };
    }

    const message = parseSignedData(der);
    const certificates = message.certificates.map(readCertificate);
    const info = message.signerInfos[0]!;
    const signer = certificates.find((cert) => identifies(info.signerId, cert));
    if (signer === undefined) return { ok: false, reason: 'le certificat du signataire est absent du fichier de signature' };
    const [signingTime] = info.signedAttributes?.values.get(OIDS.signingTime!) ?? [];
    return { ok: true, facts: { signer, certificates, signingTime: signingTime === undefined ? null : time(signingTime, 'signingTime') } };
  } catch (error) {
    return { ok: false, reason: `fichier de signature illisible (${error instanceof DerShapeError ? error.message : 'ce n’est pas une structure CMS/DER valide'})` };
  }
}

function identifies(id: SignerIdentifier, cert: CertificateInfo): boolean {
  return id.kind === 'issuerAndSerialNumber'
    ? id.issuerDer.equals(cert.issuerDer) && id.serialHex === cert.serialHex
    : id.keyIdHex === cert.subjectKeyIdHex;
}
