/**
 * A minimal DER reader (X.690): tag, length, and the exact bytes of each element, so that the signed attributes
 * and the certificates are checked on the bytes the signer wrote (re-encoding a parsed tree could change them).
 * Single-byte tags only (all that CMS and X.509 use); definite lengths only (DER).
 */
export interface Tlv {
  tag: number;
  /** The whole element: tag, length and content. */
  bytes: Buffer;
  content: Buffer;
}

export class DerError extends Error {}

export const Tag = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
  CONTEXT_0_PRIMITIVE: 0x80,
} as const;

const MAX_LENGTH_BYTES = 4;

/** The element at `offset` of `buffer`. */
export function readTlv(buffer: Buffer, offset = 0): Tlv {
  if (offset + 2 > buffer.length) throw new DerError('structure DER tronquée');
  const tag = buffer[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('étiquette DER sur plusieurs octets non prise en charge');
  let length = buffer[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > MAX_LENGTH_BYTES) throw new DerError('longueur DER indéfinie ou trop grande');
    if (offset + 2 + count > buffer.length) throw new DerError('structure DER tronquée');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError('structure DER tronquée');
  return { tag, bytes: buffer.subarray(offset, end), content: buffer.subarray(offset + header, end) };
}

/** The one element that fills `buffer` exactly. */
export function readWhole(buffer: Buffer, what: string): Tlv {
  const tlv = readTlv(buffer);
  if (tlv.bytes.length !== buffer.length) throw new DerError(`${what} : octets en trop après la structure DER`);
  return tlv;
}

/** The elements inside a constructed element. */
export function children(parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < parent.content.length) {
    const child = readTlv(parent.content, offset);
    out.push(child);
    offset += child.bytes.length;
  }
  return out;
}

/** The element, checked to carry `tag`. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined || tlv.tag !== tag) throw new DerError(`${what} : élément attendu absent ou d’un autre type`);
  return tlv;
}

/** Dotted OID text (X.690 §8.19). */
export function oidText(tlv: Tlv): string {
  const bytes = expectTag(tlv, Tag.OID, 'identifiant d’objet').content;
  if (bytes.length === 0) throw new DerError('identifiant d’objet vide');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** An INTEGER's content as lower-case hex, without the sign byte (a serial as the store keeps it). */
export function integerHex(tlv: Tlv): string {
  const hex = expectTag(tlv, Tag.INTEGER, 'entier').content.toString('hex');
  return hex.replace(/^(00)+(?=..)/, '');
}

/** UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5 forms, "Z" only). */
export function timeValue(tlv: Tlv): Date {
  const text = tlv.content.toString('latin1');
  const match = tlv.tag === Tag.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : tlv.tag === Tag.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!match) throw new DerError('date DER illisible');
  const [, y, mo, d, h, mi, s] = match;
  const year = y!.length === 2 ? (Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y);
  return new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}
