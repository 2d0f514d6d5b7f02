import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputKeys, parseChoiceProposals, parseFieldProposals, selectKeys } from './proposals';

describe('parseChoiceProposals', () => {
  it('R-CHAL-2 one option per non-empty line, values "1".."n", bullets stripped', () => {
    expect(parseChoiceProposals('- Paris\n\n-   Lyon\r\n  Marseille  \n   \n-5 °C')).toEqual([
      { value: '1', text: 'Paris' },
      { value: '2', text: 'Lyon' },
      { value: '3', text: 'Marseille' },
      { value: '4', text: '-5 °C' },
    ]);
  });
  it('R-CHAL-2 no option in blank proposals', () => {
    expect(parseChoiceProposals(' \n\n')).toEqual([]);
  });
});

describe('parseFieldProposals', () => {
  it('R-CHAL-2 input blocks, with and without placeholder', () => {
    expect(parseFieldProposals('Capitale : ${capitale} et pays : ${pays#Votre réponse}.')).toEqual([
      { kind: 'text', text: 'Capitale : ' },
      { kind: 'input', key: 'capitale' },
      { kind: 'text', text: ' et pays : ' },
      { kind: 'input', key: 'pays', placeholder: 'Votre réponse' },
      { kind: 'text', text: '.' },
    ]);
  });
  it('R-CHAL-2 select blocks with a JSON list of options, brackets and braces allowed inside', () => {
    expect(parseFieldProposals('${couleur options=["rouge", "ve]rt}", "b\\"leu"]}')).toEqual([
      { kind: 'select', key: 'couleur', options: ['rouge', 've]rt}', 'b"leu'] },
    ]);
  });
  it('R-CHAL-2 an empty placeholder is no placeholder', () => {
    expect(parseFieldProposals('${a#}')).toEqual([{ kind: 'input', key: 'a' }]);
  });
  it.each([
    ['unclosed input', 'Réponse : ${rep'],
    ['no key', 'Prix : ${} €'],
    ['key with a space and no options', '${a b}'],
    ['options not JSON', '${a options=[rouge]}'],
    ['options not strings', '${a options=[1, 2]}'],
    ['empty options', '${a options=[]}'],
    ['options not closed', '${a options=["x"'],
    ['text after the options', '${a options=["x"] y}'],
    ['unclosed placeholder', '${a#texte'],
  ])('R-CHAL-2 a malformed block stays text: %s', (_, proposals) => {
    expect(parseFieldProposals(proposals)).toEqual([{ kind: 'text', text: proposals }]);
  });
  it('R-CHAL-2 a malformed block does not hide the next good one', () => {
    expect(parseFieldProposals('${ x} ${y}')).toEqual([
      { kind: 'text', text: '${ x} ' },
      { kind: 'input', key: 'y' },
    ]);
  });
  it('R-CHAL-2 parsing is total and loses no text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '{', '}', '#', '[', ']', '"', 'a', ' ', 'options=', '\\') }), (proposals) => {
        const segments = parseFieldProposals(proposals);
        const texts = segments.filter((s) => s.kind === 'text').map((s) => s.text).join('');
        const hasBlock = segments.some((s) => s.kind !== 'text');
        if (!hasBlock) expect(texts).toBe(proposals);
        for (let i = 1; i < segments.length; i++) {
          expect(segments[i - 1]?.kind === 'text' && segments[i]?.kind === 'text').toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('inputKeys and selectKeys', () => {
  const proposals = '${a} ${b#x} ${c options=["1","2"]} ${a} ${d options=["z"]}';
  it('R-CHAL-2 lists each key once, in order, by kind', () => {
    expect(inputKeys(proposals)).toEqual(['a', 'b']);
    expect(selectKeys(proposals)).toEqual(['c', 'd']);
  });
  it('R-CHAL-2 also accepts parsed segments', () => {
    expect(inputKeys(parseFieldProposals(proposals))).toEqual(['a', 'b']);
    expect(selectKeys(parseFieldProposals('texte seul'))).toEqual([]);
  });
});
