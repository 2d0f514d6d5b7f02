import { z } from 'zod';

/**
 * R-CHAL-1, issue 8 §5 — a challenge's instruction as the kiosk receives it: not markdown, not HTML, but a small
 * tree of typed blocks whose only free content is TEXT. The station prepares it from the content's markdown
 * (`instructionBlocks`, shared/formats/kiosk-instruction-markdown.ts); the kiosk renders it as React elements
 * (renderer/kiosk/challenge/instruction-view.tsx), so nothing of the content is ever parsed as HTML in the page.
 *
 * What the format cannot say is what the kiosk can never show: no node kind carries an address (a link is its
 * text), an image, an attribute, a style or markup. Every object is strict: an unknown kind or field is refused
 * when the kiosk parses the test.
 */

/** Inline content: text and its emphasis. `link` is the text of a link of the content, never its address. */
export type InstructionInline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'lineBreak' }
  | { kind: 'strong' | 'emphasis' | 'deleted' | 'link'; children: InstructionInline[] };

/** A block. `inline` is the bare text of a tight list item (no paragraph around it). */
export type InstructionBlock =
  | { kind: 'paragraph' | 'inline'; children: InstructionInline[] }
  /** Markdown headings start at level 2, under the screen's own h1 (« Question i sur N »). */
  | { kind: 'heading'; level: 2 | 3 | 4 | 5 | 6; children: InstructionInline[] }
  | { kind: 'codeBlock'; text: string }
  | { kind: 'list'; ordered: boolean; start?: number; items: InstructionBlock[][] }
  | { kind: 'quote'; children: InstructionBlock[] }
  | { kind: 'rule' }
  | { kind: 'table'; head: InstructionInline[][]; rows: InstructionInline[][][] };

export const InstructionInline: z.ZodType<InstructionInline> = z.lazy(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }).strict(),
  z.object({ kind: z.literal('code'), text: z.string() }).strict(),
  z.object({ kind: z.literal('lineBreak') }).strict(),
  z.object({ kind: z.enum(['strong', 'emphasis', 'deleted', 'link']), children: z.array(InstructionInline) }).strict(),
]));

const inlines = z.array(InstructionInline);

export const InstructionBlock: z.ZodType<InstructionBlock> = z.lazy(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['paragraph', 'inline']), children: inlines }).strict(),
  z.object({ kind: z.literal('heading'), level: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]), children: inlines }).strict(),
  z.object({ kind: z.literal('codeBlock'), text: z.string() }).strict(),
  z.object({ kind: z.literal('list'), ordered: z.boolean(), start: z.number().int().min(0).optional(), items: z.array(z.array(InstructionBlock)) }).strict(),
  z.object({ kind: z.literal('quote'), children: z.array(InstructionBlock) }).strict(),
  z.object({ kind: z.literal('rule') }).strict(),
  z.object({ kind: z.literal('table'), head: z.array(inlines), rows: z.array(z.array(inlines)) }).strict(),
]));

/** The whole instruction: its blocks, in order. */
export const KioskInstruction = z.array(InstructionBlock);
export type KioskInstruction = InstructionBlock[];
