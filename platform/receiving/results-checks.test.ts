import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical/canonical-json';
import sampleV2 from '../../shared/formats/fixtures/results-document.sample.json';
import sampleV3 from '../../shared/formats/fixtures/results-document-v3.sample.json';
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

describe('parseResultsDocument, format versions', () => {
  const bytes = (value: unknown) => Buffer.from(canonicalJson(value), 'utf8');

  it('accepts a format 3 document and a format 2 one, each by its own schema', () => {
    for (const [sample, version] of [[sampleV3, 3], [sampleV2, 2]] as const) {
      const parsed = parseResultsDocument(bytes(sample));
      expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
      if (parsed.ok) expect(parsed.value.formatVersion).toBe(version);
    }
  });

  it('names the version it does not know, and the fields of a document under the other version’s number', () => {
    for (const [value, words] of [
      [{ ...sampleV3, formatVersion: 1 }, 'formatVersion : version du format 1 inconnue, 2 ou 3 attendue'],
      [{ ...sampleV3, formatVersion: '3' }, 'formatVersion : version du format "3" inconnue, 2 ou 3 attendue'],
      [{ format: 'passation/results' }, 'formatVersion : version du format absente, 2 ou 3 attendue'],
      [{ ...sampleV3, formatVersion: 2 }, 'test.generatedTest : '],
      [{ ...sampleV2, formatVersion: 3 }, 'test.drawnTest : '],
    ] as const) {
      const parsed = parseResultsDocument(bytes(value));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(words);
    }
  });
});
