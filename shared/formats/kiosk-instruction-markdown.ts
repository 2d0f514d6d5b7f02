import { decodeHTMLStrict } from 'entities';
import { Lexer, type Token, type Tokens } from 'marked';
import type { InstructionBlock, InstructionInline, KioskInstruction } from './kiosk-instruction';

/**
 * R-CHAL-1, issue 8 §5 — the STATION's side of a challenge's instruction: the content's markdown (GitHub flavour,
 * as authored) read by `marked`'s lexer and turned into the kiosk's typed tree (shared/formats/kiosk-instruction.ts).
 * The page receives only the tree, so neither marked nor an HTML sanitiser ships to the kiosk, and nothing of the
 * content is parsed as HTML there. Never import this module from renderer/ (a lint rule refuses it).
 *
 * What each markdown construct becomes:
 * - raw HTML of the content (block or inline) is TEXT: shown as the characters it is, never interpreted;
 * - a link (inline, reference, autolink, bare www./https://) is its text only: the address is dropped here, and the
 *   format has no field to carry one (kiosk-lockdown §3: nothing in the page may leave the kiosk);
 * - an image is dropped (the illustration has its own place, with its alt text), a task list's checkbox too;
 * - headings start at level 2, under the screen's own h1 (« Question i sur N »);
 * - text is given as the page would have shown marked's HTML: HTML entities (`&amp;`, `&nbsp;`, `&#233;`) decoded;
 *   code (inline or block) verbatim;
 * - nesting deeper than MAX_DEPTH is flattened to its source text (no stack to exhaust on the kiosk).
 */

export const MAX_DEPTH = 12;

const FIRST_HEADING_LEVEL = 2;
const LAST_HEADING_LEVEL = 6;

const lexerOptions = { gfm: true, breaks: false } as const;

/** The kiosk's tree of one instruction (markdown). */
export function instructionBlocks(markdown: string): KioskInstruction {
  return blocks(new Lexer(lexerOptions).lex(markdown), 0);
}

function blocks(tokens: readonly Token[], depth: number): InstructionBlock[] {
  const out: InstructionBlock[] = [];
  for (const token of tokens) {
    const block = blockOf(token, depth);
    if (block) out.push(block);
  }
  return out;
}

const asText = (raw: string): InstructionBlock => ({ kind: 'paragraph', children: [{ kind: 'text', text: raw.trim() }] });

function blockOf(token: Token, depth: number): InstructionBlock | null {
  if (depth >= MAX_DEPTH) return token.type === 'space' ? null : asText(token.raw);
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'space': case 'def': case 'checkbox': return null;
    case 'paragraph': return { kind: 'paragraph', children: inlines((t as Tokens.Paragraph).tokens, depth + 1) };
    // A block-level text token: the bare text of a tight list item.
    case 'text': {
      const text = t as Tokens.Text;
      return { kind: 'inline', children: text.tokens ? inlines(text.tokens, depth + 1) : [plain(text)] };
    }
    case 'heading': {
      const heading = t as Tokens.Heading;
      const level = Math.min(LAST_HEADING_LEVEL, heading.depth + FIRST_HEADING_LEVEL - 1) as 2 | 3 | 4 | 5 | 6;
      return { kind: 'heading', level, children: inlines(heading.tokens, depth + 1) };
    }
    case 'code': {
      const code = t as Tokens.Code;
      return { kind: 'codeBlock', text: code.escaped ? decodeHTMLStrict(code.text) : code.text };
    }
    case 'list': {
      const list = t as Tokens.List;
      const items = list.items.map((item) => blocks(item.tokens, depth + 1));
      return list.ordered
        ? { kind: 'list', ordered: true, start: typeof list.start === 'number' ? list.start : 1, items }
        : { kind: 'list', ordered: false, items };
    }
    case 'blockquote': return { kind: 'quote', children: blocks((t as Tokens.Blockquote).tokens, depth + 1) };
    case 'hr': return { kind: 'rule' };
    case 'table': {
      const table = t as Tokens.Table;
      return {
        kind: 'table',
        head: table.header.map((cell) => inlines(cell.tokens, depth + 1)),
        rows: table.rows.map((row) => row.map((cell) => inlines(cell.tokens, depth + 1))),
      };
    }
    // Raw HTML block: shown as the text it is.
    case 'html': return asText((t as Tokens.HTML).text);
    // Anything else (a token of an extension, none here): its source, as text.
    default: return asText(token.raw);
  }
}

function inlines(tokens: readonly Token[] | undefined, depth: number): InstructionInline[] {
  const out: InstructionInline[] = [];
  for (const token of tokens ?? []) out.push(...inlineOf(token, depth));
  return out;
}

/** marked's inline text is HTML-ready (entities left for the browser): decoded, it is what the page would show. */
const plain = (token: Tokens.Text): InstructionInline => ({ kind: 'text', text: decodeHTMLStrict(token.text) });

function inlineOf(token: Token, depth: number): InstructionInline[] {
  if (depth >= MAX_DEPTH) return [{ kind: 'text', text: token.raw }];
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'text': {
      const text = t as Tokens.Text;
      return text.tokens ? inlines(text.tokens, depth + 1) : [plain(text)];
    }
    // `\*`, `\<`: the character itself.
    case 'escape': return [{ kind: 'text', text: (t as Tokens.Escape).text }];
    // Inline raw HTML (a tag, a comment): shown as the text it is.
    case 'html': return [{ kind: 'text', text: (t as Tokens.Tag).text }];
    case 'codespan': return [{ kind: 'code', text: (t as Tokens.Codespan).text }];
    case 'br': return [{ kind: 'lineBreak' }];
    case 'strong': return [{ kind: 'strong', children: inlines((t as Tokens.Strong).tokens, depth + 1) }];
    case 'em': return [{ kind: 'emphasis', children: inlines((t as Tokens.Em).tokens, depth + 1) }];
    case 'del': return [{ kind: 'deleted', children: inlines((t as Tokens.Del).tokens, depth + 1) }];
    // A link: its text, never its address.
    case 'link': return [{ kind: 'link', children: inlines((t as Tokens.Link).tokens, depth + 1) }];
    case 'image': case 'checkbox': return [];
    default: return [{ kind: 'text', text: token.raw }];
  }
}
