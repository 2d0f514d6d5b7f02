import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes numbers the ECMAScript way', () => {
    // RFC 8785 §3.2.3 sorting example and §3.2.2.3 numbers.
    expect(canonicalJson({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '1': 'One', '\u0080': 'Control', 'é': 'e' }))
      .toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","é":"e","\u20ac":"Euro Sign"}');
    expect(canonicalJson([1e21, 0.000001, -0, Number('333333333.33333329'), 1e-7])).toBe('[1e+21,0.000001,0,333333333.3333333,1e-7]');
    expect(canonicalJson({ b: [true, null], a: { d: 1, c: 'x' } })).toBe('{"a":{"c":"x","d":1},"b":[true,null]}');
  });

  it('refuses values JSON cannot carry faithfully, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('(racine).a[1]');
    expect(() => canonicalJson({ a: undefined })).toThrow('(racine).a');
  });
});
