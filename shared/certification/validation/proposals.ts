/**
 * R-CHAL-2 — proposals: one option per line (QCU/QCM), or text with input blocks `${key}`,
 * `${key#placeholder}` and select blocks `${key options=["a","b"]}` (QROC/QROCM).
 * Parsing is total: a malformed block stays text, nothing throws.
 */

/** One QCU/QCM option; `value` is what solutions and answers use ("1".."n", 1-based). */
export interface ChoiceOption { value: string; text: string }

export type ProposalSegment =
  | { kind: 'text'; text: string }
  | { kind: 'input'; key: string; placeholder?: string }
  | { kind: 'select'; key: string; options: string[] };

const BULLET = /^-\s+/;
const BLOCK_KEY = /^[\p{L}\p{N}_.-]+/u;
const OPTIONS_PREFIX = /^\s+options\s*=\s*/;

// R-CHAL-2 — one option per non-empty line, a leading "- " bullet stripped.
export function parseChoiceProposals(proposals: string): ChoiceOption[] {
  return proposals
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, index) => ({ value: String(index + 1), text: line.replace(BULLET, '') }));
}

// R-CHAL-2 — text, input and select segments, in reading order; adjacent text is merged.
export function parseFieldProposals(proposals: string): ProposalSegment[] {
  const segments: ProposalSegment[] = [];
  let text = '';
  let position = 0;
  while (position < proposals.length) {
    const start = proposals.indexOf('${', position);
    if (start === -1) {
      text += proposals.slice(position);
      break;
    }
    text += proposals.slice(position, start);
    const block = parseBlock(proposals, start);
    if (block === undefined) {
      text += '${';
      position = start + 2;
      continue;
    }
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
    segments.push(block.segment);
    position = block.end;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

/** The first input or select block of the proposals (QROC: the one field), from the cache. */
export function firstField(proposals: string): ProposalSegment | undefined {
  return cachedSegments(proposals).find((s) => s.kind !== 'text');
}

/** Keys of the input blocks, each once, in order of first appearance. */
export function inputKeys(proposals: string | readonly ProposalSegment[]): string[] {
  return keysOf(proposals, 'input');
}

/** Keys of the select blocks, each once, in order of first appearance. */
export function selectKeys(proposals: string | readonly ProposalSegment[]): string[] {
  return keysOf(proposals, 'select');
}

/**
 * Parsed proposals of the challenges validated recently: validation runs on every answer, and a content package
 * holds a few hundred distinct proposals. Bounded, so that arbitrary input cannot grow it without limit.
 */
const parsedCache = new Map<string, readonly ProposalSegment[]>();
const PARSED_CACHE_LIMIT = 2000;

function cachedSegments(proposals: string): readonly ProposalSegment[] {
  let segments = parsedCache.get(proposals);
  if (segments === undefined) {
    if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
    segments = parseFieldProposals(proposals);
    parsedCache.set(proposals, segments);
  }
  return segments;
}

function keysOf(proposals: string | readonly ProposalSegment[], kind: 'input' | 'select'): string[] {
  const segments = typeof proposals === 'string' ? cachedSegments(proposals) : proposals;
  const keys = new Set<string>();
  for (const segment of segments) if (segment.kind === kind) keys.add(segment.key);
  return [...keys];
}

interface ParsedBlock { segment: ProposalSegment; end: number }

/** The block starting at `start` (on `${`), or undefined when it is malformed. */
function parseBlock(source: string, start: number): ParsedBlock | undefined {
  const afterOpening = start + 2;
  const key = BLOCK_KEY.exec(source.slice(afterOpening))?.[0];
  if (key === undefined) return undefined;
  const afterKey = afterOpening + key.length;
  const next = source[afterKey];
  if (next === '}') return { segment: { kind: 'input', key }, end: afterKey + 1 };
  if (next === '#') {
    const close = source.indexOf('}', afterKey);
    if (close === -1) return undefined;
    const placeholder = source.slice(afterKey + 1, close);
    const segment: ProposalSegment = placeholder === '' ? { kind: 'input', key } : { kind: 'input', key, placeholder };
    return { segment, end: close + 1 };
  }
  return parseSelect(source, key, afterKey);
}

/** `${key options=["a","b"]}`: a non-empty JSON array of strings, then `}`. */
function parseSelect(source: string, key: string, afterKey: number): ParsedBlock | undefined {
  const prefix = OPTIONS_PREFIX.exec(source.slice(afterKey))?.[0];
  if (prefix === undefined) return undefined;
  const arrayStart = afterKey + prefix.length;
  const arrayEnd = endOfStringArray(source, arrayStart);
  if (arrayEnd === undefined) return undefined;
  const options = parseStringArray(source.slice(arrayStart, arrayEnd));
  if (options === undefined) return undefined;
  const close = arrayEnd + (/^\s*/.exec(source.slice(arrayEnd))?.[0].length ?? 0);
  if (source[close] !== '}') return undefined;
  return { segment: { kind: 'select', key, options }, end: close + 1 };
}

/** Index just after the `]` closing the array that opens at `start`, skipping brackets inside strings. */
function endOfStringArray(source: string, start: number): number | undefined {
  if (source[start] !== '[') return undefined;
  let inString = false;
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === ']') return i + 1;
  }
  return undefined;
}

function parseStringArray(json: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.every((item): item is string => typeof item === 'string') ? value : undefined;
}
