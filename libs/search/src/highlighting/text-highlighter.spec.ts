import fc from 'fast-check';
import { findAll } from 'highlight-words-core';
import { TextHighlighter } from './text-highlighter.js';

/** Which characters of the text a marked snippet marks, read back from its <em> tags. */
function markedMask(html: string): boolean[] {
  const mask: boolean[] = [];
  for (const [index, part] of html.split(/<\/?em>/).entries()) {
    for (let i = 0; i < unmark(part).length; i++) mask.push(index % 2 === 1);
  }
  return mask;
}

const unmark = (html: string): string =>
  html
    .replace(/<\/?em>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('TextHighlighter', () => {
  it('marks a term inside a longer word, and neighbouring matches as one', () => {
    const marker = new TextHighlighter(['高温', '合金']);
    expect(marker.mark('一种镍基高温合金的制备方法')).toBe('一种镍基<em>高温合金</em>的制备方法');
  });

  it('matches English case-insensitively and keeps the text as written', () => {
    expect(new TextHighlighter(['robot']).mark('Industrial Robot arms')).toBe(
      'Industrial <em>Robot</em> arms',
    );
  });

  it('escapes HTML in the text, marked or not', () => {
    expect(new TextHighlighter(['<b>']).mark('a <b> & "c"')).toBe(
      'a <em>&lt;b&gt;</em> &amp; &quot;c&quot;',
    );
  });

  it('drops single characters when longer terms exist', () => {
    expect(new TextHighlighter(['的', '材料']).mark('新的材料')).toBe('新的<em>材料</em>');
    expect(new TextHighlighter(['钼']).mark('钼合金')).toBe('<em>钼</em>合金');
  });

  it('treats regular-expression characters in terms as text', () => {
    expect(new TextHighlighter(['a.b', '(x']).mark('a.b axb (x')).toBe(
      '<em>a.b</em> axb <em>(x</em>',
    );
  });

  it('crops around the densest matches, with … where the text was cut', () => {
    const text = `${'无关的内容。'.repeat(40)}本文提出一种高温合金涂层，高温合金寿命提高。${'其他内容。'.repeat(40)}`;
    const cropped = new TextHighlighter(['高温合金']).crop(text, 60);
    expect(cropped.startsWith('…')).toBe(true);
    expect(cropped.endsWith('…')).toBe(true);
    expect(cropped.match(/<em>高温合金<\/em>/g)).toHaveLength(2);
    expect(unmark(cropped).length).toBeLessThanOrEqual(62);
  });

  it('crops from the beginning when nothing matches, and leaves a short text whole', () => {
    const marker = new TextHighlighter(['不存在']);
    expect(marker.crop('短文本', 60)).toBe('短文本');
    const cropped = marker.crop('甲'.repeat(200), 60);
    expect(cropped).toBe(`${'甲'.repeat(60)}…`);
  });

  it('marks exactly what highlight-words-core finds with its own case-insensitive finder', () => {
    const alphabet = fc.constantFrom(
      '高',
      '温',
      '合',
      '金',
      'a',
      'B',
      'ß',
      'σ',
      'Σ',
      '.',
      '(',
      '*',
      ' ',
    );
    const word = (maxLength: number) =>
      fc.array(alphabet, { minLength: 1, maxLength }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(word(60), fc.array(word(3), { maxLength: 4 }), (text, terms) => {
        // The terms the highlighter keeps: single characters go when longer terms exist.
        const unique = [...new Set(terms.map((term) => term.trim()).filter(Boolean))];
        const long = unique.filter((term) => [...term].length > 1);
        const expected = findAll({
          searchWords: long.length > 0 ? long : unique,
          textToHighlight: text,
          autoEscape: true,
        }).flatMap((chunk) => Array<boolean>(chunk.end - chunk.start).fill(chunk.highlight));
        expect(markedMask(new TextHighlighter(terms).mark(text))).toEqual(expected);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('never changes the text: without its marks a snippet is the text, or a part of it', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 4 }),
        (text, terms) => {
          const marker = new TextHighlighter(terms);
          expect(unmark(marker.mark(text))).toBe(text);
          const cropped = unmark(marker.crop(text, 50)).replace(/^…|…$/g, '');
          expect(text.includes(cropped)).toBe(true);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});
