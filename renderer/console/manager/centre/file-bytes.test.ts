import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase64, fileBase64 } from './file-bytes';

// The files the manager chooses reach the station byte for byte (a signed package's signature covers its exact bytes).

describe('bytesToBase64', () => {
  it('is Node’s base64 of the same bytes, for any bytes (across the chunk boundary too)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }), { numRuns: 60 });
  });
  it('gives the empty string for no bytes', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});

describe('fileBase64', () => {
  it('reads a file’s exact bytes (a BOM and accents kept)', async () => {
    const text = '\uFEFF{"nom":"Léa"}';
    const base64 = await fileBase64(new Blob([text]));
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(text);
  });
});
