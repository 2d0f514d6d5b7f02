import type { ReactNode } from 'react';
import type { InstructionBlock, InstructionInline, KioskInstruction } from '../../../shared/formats/kiosk-instruction';

/**
 * R-CHAL-1, issue 8 §5 — a challenge's instruction as React elements, from the typed tree the station prepared
 * from the content's markdown (shared/formats/kiosk-instruction.ts, checked by its schema when the test arrives).
 * No HTML string anywhere: every piece of the content is a React text child (escaped by React), and the only
 * elements are the ones written below — no link (a link of the content is its text, in a `span`), no image,
 * no attribute taken from the content (the heading level and a list's start are numbers the schema bounds).
 */
export function InstructionView({ blocks }: { blocks: KioskInstruction }) {
  return <div className="challenge-instruction">{blockList(blocks)}</div>;
}

/** The class of a link of the content shown as text (challenge.css: nothing invites a click). */
export const LINK_CLASS = 'md-link';

function blockList(blocks: readonly InstructionBlock[]): ReactNode[] {
  return blocks.map((block, i) => <Block key={i} block={block} />);
}

function inlineList(inlines: readonly InstructionInline[]): ReactNode[] {
  return inlines.map((inline, i) => <Inline key={i} inline={inline} />);
}

function Block({ block }: { block: InstructionBlock }): ReactNode {
  switch (block.kind) {
    case 'paragraph': return <p>{inlineList(block.children)}</p>;
    case 'inline': return inlineList(block.children);
    case 'heading': {
      const Heading = `h${block.level}` as const;
      return <Heading>{inlineList(block.children)}</Heading>;
    }
    case 'codeBlock': return <pre><code>{block.text}</code></pre>;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{blockList(item)}</li>);
      return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'quote': return <blockquote>{blockList(block.children)}</blockquote>;
    case 'rule': return <hr />;
    case 'table': return (
      <table>
        <thead><tr>{block.head.map((cell, i) => <th key={i}>{inlineList(cell)}</th>)}</tr></thead>
        <tbody>{block.rows.map((row, r) => <tr key={r}>{row.map((cell, i) => <td key={i}>{inlineList(cell)}</td>)}</tr>)}</tbody>
      </table>
    );
  }
}

function Inline({ inline }: { inline: InstructionInline }): ReactNode {
  switch (inline.kind) {
    case 'text': return inline.text;
    case 'code': return <code>{inline.text}</code>;
    case 'lineBreak': return <br />;
    case 'strong': return <strong>{inlineList(inline.children)}</strong>;
    case 'emphasis': return <em>{inlineList(inline.children)}</em>;
    case 'deleted': return <del>{inlineList(inline.children)}</del>;
    case 'link': return <span className={LINK_CLASS}>{inlineList(inline.children)}</span>;
  }
}
