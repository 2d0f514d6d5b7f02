import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isCanonicalText, sameCanonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes numbers the ECMAScript way', () => {
    // RFC 8785 §3.2.3 sorting example and §3.2.2.3 numbers.
    expect(canonicalJson({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '1': 'One', '\u0080': 'Control', 'é': 'e' }))
      .toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","é":"e","\u20ac":"Euro Sign"}');
    expect(canonicalJson([1e21, 0.000001, -0, Number('333333333.33333329'), 1e-7])).toBe('[1e+21,0.000001,0,333333333.3333333,1e-7]');
    expect(canonicalJson({ b: [true, null], a: { d: 1, c: 'x' } })).toBe('{"a":{"c":"x","d":1},"b":[true,null]}');
    // Keys that look like array indices: JavaScript keeps them first, in numeric order; RFC 8785 sorts them as text.
    expect(canonicalJson({ '10': 1, '9': 2, '1': 3, a: 4 })).toBe('{"1":3,"10":1,"9":2,"a":4}');
    // A lone surrogate and the controls are escaped as ECMAScript's JSON.stringify does (RFC 8785 §3.2.2.2).
    expect(canonicalJson(['\ud800', '\u001f', '\u2028'])).toBe('["\\ud800","\\u001f","\u2028"]');
  });

  it('refuses values JSON cannot carry faithfully, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('(racine).a[1]');
    expect(() => canonicalJson({ a: undefined })).toThrow('(racine).a');
    expect(() => canonicalJson({ a: { b: [0, { c: Infinity }] } })).toThrow('(racine).a.b[1].c : nombre non représentable');
    expect(() => canonicalJson([undefined])).toThrow('(racine)[0]');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('(racine).f : type non représentable en JSON (function)');
    expect(() => canonicalJson(Number.NaN)).toThrow('(racine)');
  });

  it('writes the same bytes as json-canonicalize (the library it replaces) for any JSON value', () => {
    // Full Unicode keys and strings (surrogates included), every double, deep nesting.
    const json = fc.jsonValue({ maxDepth: 6, stringUnit: 'binary' });
    fc.assert(fc.property(json, (value) => {
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }), { numRuns: 3000 });
  });

  it('gives a parse of its own output back unchanged (canonical form is a fixed point)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5, stringUnit: 'grapheme' }), (value) => {
      const text = canonicalJson(value);
      expect(canonicalJson(JSON.parse(text))).toBe(text);
    }), { numRuns: 1000 });
  });
});

describe('isCanonicalText', () => {
  it('says whether a text is exactly canonicalJson of a value, for any value and text', () => {
    const json = fc.jsonValue({ maxDepth: 5, stringUnit: 'binary' });
    fc.assert(fc.property(json, fc.nat(3), (value, variant) => {
      const texts = [canonicalJson(value), JSON.stringify(value), JSON.stringify(value, null, 1), `${canonicalJson(value)} `];
      const text = texts[variant]!;
      expect(isCanonicalText(value, text)).toBe(canonicalJson(value) === text);
      expect(isCanonicalText(JSON.parse(text), canonicalJson(value))).toBe(true);
    }), { numRuns: 3000 });
  });

  it('is right where JavaScript’s key order is not RFC 8785’s, and refuses what canonicalJson refuses', () => {
    // {"1","10","9"} is canonical; JSON.parse lists these keys as 1, 9, 10, so the fast path must not answer.
    const text = '{"1":0,"10":0,"9":0,"a":{"b":1,"c":[{"d":2,"e":3}]}}';
    expect(isCanonicalText(JSON.parse(text), text)).toBe(true);
    expect(isCanonicalText(JSON.parse(text), '{"1":0,"9":0,"10":0,"a":{"b":1,"c":[{"d":2,"e":3}]}}')).toBe(false);
    expect(isCanonicalText({ b: 1, a: 2 }, '{"b":1,"a":2}')).toBe(false);
    expect(isCanonicalText({ a: 2, b: 1 }, '{"a":2,"b":1}')).toBe(true);
    // JSON.stringify would write these quietly ({}, null): the fallback refuses them as canonicalJson does.
    expect(() => isCanonicalText({ a: undefined }, '{}')).toThrow('(racine).a : valeur undefined');
    expect(() => isCanonicalText([Number.NaN], '[null]')).toThrow('nombre non représentable');
    // Keys inherited from a prototype are not JSON's (neither JSON.stringify nor canonicalJson writes them): the
    // walk's for…in sees them, which may only send the check to the exact path.
    const inherited = Object.assign(Object.create({ b: 1, 0: 2 }) as Record<string, number>, { a: 1, c: 3 });
    for (const candidate of ['{"a":1,"c":3}', '{"a":1,"b":1,"c":3}', '{"c":3,"a":1}']) {
      expect(isCanonicalText(inherited, candidate), candidate).toBe(canonicalJson(inherited) === candidate);
    }
  });
});

describe('sameCanonicalJson', () => {
  it('is canonicalJson(a) === canonicalJson(b) for any two values, equal, reordered or altered', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    /** The same value with every object's keys in reverse order. */
    const reordered = (v: unknown): unknown => Array.isArray(v) ? v.map(reordered)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reordered(x)])) : v;
    fc.assert(fc.property(json, json, (a, b) => {
      expect(sameCanonicalJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      expect(sameCanonicalJson(a, reordered(a))).toBe(true);
      expect(sameCanonicalJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      expect(sameCanonicalJson({ v: a }, { v: a, w: 1 })).toBe(false);
      expect(sameCanonicalJson([a], [a, null])).toBe(false);
    }), { numRuns: 3000 });
  });

  it('tells 0 from "0", [] from {}, null from a missing key, and throws where canonicalJson throws', () => {
    expect(sameCanonicalJson(0, -0)).toBe(true);
    expect(sameCanonicalJson(0, '0')).toBe(false);
    expect(sameCanonicalJson([], {})).toBe(false);
    expect(sameCanonicalJson({ a: null }, {})).toBe(false);
    expect(sameCanonicalJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(() => sameCanonicalJson({ a: undefined }, { a: undefined })).toThrow('valeur undefined');
    expect(() => sameCanonicalJson([Number.NaN], [Number.NaN])).toThrow('nombre non représentable');
  });
});
