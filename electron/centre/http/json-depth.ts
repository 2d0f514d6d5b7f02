import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-error';

/** Deepest nesting of arrays and objects a JSON body may have (no route's body comes near it). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * True when the text nests arrays or objects deeper than `max`, brackets inside strings not counted. One pass over
 * the characters, stopping at the first level too deep: a 5-million-level body is refused after 65 characters,
 * before JSON.parse and the schema check walk it.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * Replaces Fastify's JSON parser by one that refuses (400 jsonTooDeep) a body nested deeper than MAX_JSON_DEPTH,
 * then parses with Fastify's own parser (prototype-poisoning keys removed, the same errors for bad JSON).
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('remove', 'remove');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new HttpError(400, 'jsonTooDeep', `JSON trop imbriqué : ${MAX_JSON_DEPTH} niveaux au plus.`), undefined);
      return;
    }
    parse(request, text, done);
  });
}
