import { Tag } from '../verification/der-reader';

/**
 * A minimal DER writer (X.690 §8, §10): what the platform's CMS signature (cms-sign.ts) puts together. Each
 * function returns an element's whole bytes (tag, definite length, content); constructed elements take their
 * children's bytes as they are, so parts made once (certificates, the signer's issuer) are reused unchanged.
 */

/** X.690 §8.1.3: short form below 128, else the long form with as few length bytes as needed. */
function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = content.length === 1 ? content[0]! : Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

/** Dotted OID → DER (X.690 §8.19): the first two arcs in one sub-identifier, base 128, high bit on all but the last byte. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const subidentifiers = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const bytes: number[] = [];
  for (const value of subidentifiers) {
    const groups: number[] = [];
    for (let rest = value; ; rest = Math.floor(rest / 128)) {
      groups.unshift(rest % 128);
      if (rest < 128) break;
    }
    groups.forEach((group, i) => bytes.push(i < groups.length - 1 ? group | 0x80 : group));
  }
  return tlv(Tag.OID, Buffer.from(bytes));
}

/** A non-negative INTEGER from its big-endian bytes: leading zero bytes dropped, one added when the top bit is set (§8.3). */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(Tag.INTEGER, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * RFC 5652 §11.3 (after RFC 5280 §4.1.2.5): UTCTime (YYMMDDHHMMSSZ) from 1950 to 2049, GeneralizedTime
 * (YYYYMMDDHHMMSSZ) outside; whole seconds, always "Z".
 */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return year >= 1950 && year < 2050
    ? tlv(Tag.UTC_TIME, Buffer.from(`${two(year % 100)}${rest}`, 'latin1'))
    : tlv(Tag.GENERALIZED_TIME, Buffer.from(`${String(year).padStart(4, '0')}${rest}`, 'latin1'));
}
