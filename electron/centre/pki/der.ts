import forge from 'node-forge';

/**
 * Small typed helpers over forge's ASN.1 parser, for reading CMS and X.509 structures field by field.
 * A structure that does not have the expected shape throws `DerShapeError`; the readers that use these
 * helpers catch it at their boundary and return a French reason.
 */
export type Asn1 = forge.asn1.Asn1;

export class DerShapeError extends Error {}

const { Class, Type } = forge.asn1;
export { Class, Type };

/** Parses DER strictly; BIT STRINGs are kept as raw bytes so that re-encoding gives the same bytes. */
export function parseDer(der: Buffer): Asn1 {
  // forge's types miss the options form of fromDer
  const fromDer = forge.asn1.fromDer as unknown as (bytes: string, options: object) => Asn1;
  return fromDer(der.toString('binary'), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

export function isTag(node: Asn1 | undefined, tagClass: forge.asn1.Class, type: number): node is Asn1 {
  return node !== undefined && node.tagClass === tagClass && node.type === type;
}

/** The children of a constructed node, checking its tag. */
export function children(node: Asn1 | undefined, tagClass: forge.asn1.Class, type: number, what: string): Asn1[] {
  if (!isTag(node, tagClass, type) || !Array.isArray(node.value)) throw new DerShapeError(`${what} attendu`);
  return node.value;
}

export function sequence(node: Asn1 | undefined, what: string): Asn1[] {
  return children(node, Class.UNIVERSAL, Type.SEQUENCE, what);
}

/** The content bytes of a primitive node, checking its tag. */
export function primitive(node: Asn1 | undefined, tagClass: forge.asn1.Class, type: number, what: string): Buffer {
  if (!isTag(node, tagClass, type) || typeof node.value !== 'string') throw new DerShapeError(`${what} attendu`);
  return Buffer.from(node.value, 'binary');
}

export function oid(node: Asn1 | undefined, what: string): string {
  return forge.asn1.derToOid(primitive(node, Class.UNIVERSAL, Type.OID, what).toString('binary'));
}

/** A UTCTime or GeneralizedTime. */
export function time(node: Asn1 | undefined, what: string): Date {
  if (isTag(node, Class.UNIVERSAL, Type.UTCTIME) && typeof node.value === 'string') return forge.asn1.utcTimeToDate(node.value);
  if (isTag(node, Class.UNIVERSAL, Type.GENERALIZEDTIME) && typeof node.value === 'string') return forge.asn1.generalizedTimeToDate(node.value);
  throw new DerShapeError(`${what} attendu`);
}
