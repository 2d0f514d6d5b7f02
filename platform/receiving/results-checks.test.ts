import { describe, expect, it } from 'vitest';
import { parseResultsDocument } from './results-checks';

// The bytes checks before the schema (a genuine document through every check: platform-server.test.ts).
describe('parseResultsDocument, bytes', () => {
  const refusal = (bytes: Buffer) => {
    const parsed = parseResultsDocument(bytes);
    expect(parsed.ok).toBe(false);
    return parsed.ok ? '' : parsed.error;
  };

  it('refuses bytes that are not UTF-8: a lone continuation byte, an overlong form, an encoded surrogate, a cut sequence', () => {
    for (const bad of [[0x7b, 0x80, 0x7d], [0x22, 0xc0, 0xaf, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xe2, 0x82]]) {
      expect(refusal(Buffer.from(bad))).toContain('pas du JSON UTF-8 lisible (octets UTF-8 invalides)');
    }
  });

  it('refuses a byte-order mark before the JSON, and text that is not JSON', () => {
    expect(refusal(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]))).toContain('pas du JSON UTF-8 lisible');
    expect(refusal(Buffer.from('{"format":'))).toContain('pas du JSON UTF-8 lisible');
  });

  it('names the schema’s errors for JSON of another shape', () => {
    expect(refusal(Buffer.from('{"format":"autre"}'))).toContain('ne suit pas le format des résultats');
  });
});
