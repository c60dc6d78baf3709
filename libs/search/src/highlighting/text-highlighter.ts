import { findAll } from 'highlight-words-core';

/** What a highlighted snippet is made of: plain text and matched text, in order. */
interface Piece {
  text: string;
  matched: boolean;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const CROP_MARKER = '…';

interface Chunk {
  start: number;
  end: number;
  highlight: boolean;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * A term as a global pattern, case-insensitive only when the term has cased letters (robot, CNC):
 * a Chinese term has none, and the case-insensitive scan of Chinese text was the larger part of
 * a search page's highlighting time.
 */
const termPattern = (term: string): RegExp =>
  new RegExp(escapeRegExp(term), term.toLowerCase() === term.toUpperCase() ? 'g' : 'gi');
// Where a crop may start or end without cutting a sentence in half.
const BREAK = /[。！？；;.!?\n]/u;

/**
 * Marks the terms in a text with `<em>…</em>`, everything else HTML-escaped, so a client can put
 * the snippet into a page as it is.
 *
 * Highlights are made here, on the row just read from PostgreSQL, rather than by Meilisearch:
 * - they show the text the caller is allowed to see now, not the index's copy of it;
 * - a term inside a longer word is marked (合金 in 高温合金), which is what the segmented search
 *   matched, while the engine's own highlighter only marks its precise-mode tokens;
 * - highlighting and cropping in the engine cost ~4 ms per query at 100,000 results (test/bench),
 *   more than the rest of the engine's work.
 */
export class TextHighlighter {
  /**
   * @param terms the query's words and their synonyms. Single characters are dropped when longer
   *   terms exist: 的 or 法 would light up half a sentence.
   */
  constructor(terms: string[]) {
    const unique = [...new Set(terms.map((term) => term.trim()).filter(Boolean))];
    const long = unique.filter((term) => [...term].length > 1);
    this.patterns = (long.length > 0 ? long : unique).map(termPattern);
  }

  /** One compiled pattern per term, built once per search rather than per text. */
  private readonly patterns: RegExp[];

  /** Where the terms occur, as highlight-words-core's own finder would report them. */
  private readonly findChunks = ({ textToHighlight }: { textToHighlight: string }): Chunk[] => {
    const chunks: Chunk[] = [];
    for (const pattern of this.patterns) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(textToHighlight); match; match = pattern.exec(textToHighlight))
        chunks.push({ start: match.index, end: pattern.lastIndex, highlight: false });
    }
    return chunks;
  };

  /** The whole text, marked. */
  mark(text: string | null | undefined): string {
    return render(this.pieces(text ?? ''));
  }

  /**
   * A window of about `length` characters around the densest run of matches, marked, with `…`
   * where the text was cut. Without matches, the text's beginning.
   */
  crop(text: string | null | undefined, length = 120): string {
    const source = text ?? '';
    if ([...source].length <= length) return this.mark(source);
    const pieces = this.pieces(source);
    const starts = offsets(pieces).filter((_, index) => pieces[index]?.matched);
    const start = snapStart(source, bestWindow(starts, length), length);
    const end = Math.min(source.length, start + length);
    const window = this.pieces(source.slice(start, end));
    return `${start > 0 ? CROP_MARKER : ''}${render(window)}${end < source.length ? CROP_MARKER : ''}`;
  }

  private pieces(text: string): Piece[] {
    if (!text) return [];
    const chunks = findAll({ searchWords: [], findChunks: this.findChunks, textToHighlight: text });
    // Neighbouring matches (高温 then 合金) become one mark.
    const pieces: Piece[] = [];
    for (const chunk of chunks) {
      const piece = { text: text.slice(chunk.start, chunk.end), matched: chunk.highlight };
      const last = pieces.at(-1);
      if (last && last.matched === piece.matched) last.text += piece.text;
      else pieces.push(piece);
    }
    return pieces;
  }
}

const render = (pieces: Piece[]): string =>
  pieces
    .map((piece) => (piece.matched ? `<em>${escapeHtml(piece.text)}</em>` : escapeHtml(piece.text)))
    .join('');

function offsets(pieces: Piece[]): number[] {
  let at = 0;
  return pieces.map((piece) => {
    const start = at;
    at += piece.text.length;
    return start;
  });
}

/** The start of the `length`-wide window holding the most match starts (0 without matches). */
function bestWindow(starts: number[], length: number): number {
  let best = 0;
  let bestCount = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while ((starts[j] ?? Infinity) < (starts[i] ?? 0) + length * 0.8) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = starts[i] ?? 0;
    }
  }
  // Some context before the first match.
  return Math.max(0, best - Math.floor(length * 0.2));
}

/** Moves a crop's start forward to just after a sentence break, if one is near. */
function snapStart(text: string, start: number, length: number): number {
  if (start === 0) return 0;
  const reach = Math.floor(length * 0.2);
  for (let at = start; at < Math.min(text.length, start + reach); at++) {
    if (BREAK.test(text[at] ?? '')) return at + 1;
  }
  return start;
}
