import forge from 'node-forge';
import { Class, DerShapeError, Type, children, isTag, oid, parseDer, primitive, sequence, toDer, type Asn1 } from './der';

/** RFC 5652 SignedData, read field by field (forge's pkcs7 module cannot verify, so we read it ourselves). */
export interface ParsedSignedData {
  /** eContentType of the encapsulated content. */
  contentType: string;
  /** True when the content is inside the message (not a detached signature). */
  hasEmbeddedContent: boolean;
  /** DER of each X.509 certificate in the message (other certificate choices are skipped). */
  certificates: Buffer[];
  signerInfos: ParsedSignerInfo[];
}

export type SignerIdentifier =
  | { kind: 'issuerAndSerialNumber'; issuerDer: Buffer; serialHex: string }
  | { kind: 'subjectKeyIdentifier'; keyIdHex: string };

export interface ParsedSignerInfo {
  signerId: SignerIdentifier;
  digestAlgorithm: string;
  /** Absent when the signature is computed over the content itself. */
  signedAttributes: SignedAttributes | null;
  signatureAlgorithm: string;
  signature: Buffer;
}

export interface SignedAttributes {
  /** The attributes re-encoded with the universal SET tag (0x31): the bytes the signature covers (RFC 5652 §5.4). */
  setDer: Buffer;
  /** attrType → attrValues; a type present twice makes the message unreadable. */
  values: Map<string, Asn1[]>;
}

export const OID_SIGNED_DATA = forge.pki.oids.signedData!;

/** Reads a DER ContentInfo holding a SignedData; throws `DerShapeError` when the shape is not that. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const [contentType, explicitContent] = sequence(parseDer(der), 'ContentInfo');
  if (oid(contentType, 'type de contenu') !== OID_SIGNED_DATA) throw new DerShapeError('SignedData attendu');
  const [signedData] = children(explicitContent, Class.CONTEXT_SPECIFIC, 0, 'contenu [0]');
  const fields = sequence(signedData, 'SignedData');
  const [, , encapContentInfo] = fields;
  const [eContentType, eContent] = sequence(encapContentInfo, 'EncapsulatedContentInfo');
  const signerInfos = fields[fields.length - 1];
  const certificateSet = fields.slice(3, -1).find((node) => isTag(node, Class.CONTEXT_SPECIFIC, 0));
  return {
    contentType: oid(eContentType, 'type du contenu signé'),
    hasEmbeddedContent: eContent !== undefined,
    certificates: (certificateSet === undefined ? [] : children(certificateSet, Class.CONTEXT_SPECIFIC, 0, 'certificats'))
      .filter((node) => isTag(node, Class.UNIVERSAL, Type.SEQUENCE))
      .map(toDer),
    signerInfos: children(signerInfos, Class.UNIVERSAL, Type.SET, 'SignerInfos').map(parseSignerInfo),
  };
}

function parseSignerInfo(node: Asn1): ParsedSignerInfo {
  const [, sid, digestAlgorithm, ...rest] = sequence(node, 'SignerInfo');
  const attributes = isTag(rest[0], Class.CONTEXT_SPECIFIC, 0) ? rest.shift() : undefined;
  const [signatureAlgorithm, signature] = rest;
  return {
    signerId: parseSignerId(sid),
    digestAlgorithm: algorithmOid(digestAlgorithm),
    signedAttributes: attributes === undefined ? null : parseSignedAttributes(attributes),
    signatureAlgorithm: algorithmOid(signatureAlgorithm),
    signature: primitive(signature, Class.UNIVERSAL, Type.OCTETSTRING, 'signature'),
  };
}

function parseSignerId(sid: Asn1 | undefined): SignerIdentifier {
  if (isTag(sid, Class.CONTEXT_SPECIFIC, 0)) {
    return { kind: 'subjectKeyIdentifier', keyIdHex: primitive(sid, Class.CONTEXT_SPECIFIC, 0, 'identifiant de clé').toString('hex') };
  }
  const [issuer, serial] = sequence(sid, 'IssuerAndSerialNumber');
  sequence(issuer, 'émetteur');
  return {
    kind: 'issuerAndSerialNumber',
    issuerDer: toDer(issuer as Asn1),
    serialHex: primitive(serial, Class.UNIVERSAL, Type.INTEGER, 'numéro de série').toString('hex'),
  };
}

function algorithmOid(node: Asn1 | undefined): string {
  return oid(sequence(node, 'AlgorithmIdentifier')[0], 'algorithme');
}

function parseSignedAttributes(node: Asn1): SignedAttributes {
  const attributes = children(node, Class.CONTEXT_SPECIFIC, 0, 'attributs signés');
  const values = new Map<string, Asn1[]>();
  for (const attribute of attributes) {
    const [type, set] = sequence(attribute, 'attribut');
    const id = oid(type, 'type d’attribut');
    if (values.has(id)) throw new DerShapeError(`attribut signé ${id} en double`);
    values.set(id, children(set, Class.UNIVERSAL, Type.SET, 'valeurs d’attribut'));
  }
  const set = forge.asn1.create(Class.UNIVERSAL, Type.SET, true, attributes);
  return { setDer: toDer(set), values };
}
