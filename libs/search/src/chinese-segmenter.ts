import { Injectable } from '@nestjs/common';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Runs of letters or digits: what is left of a segment once punctuation and spaces are dropped.
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * jieba's search mode (cutForSearch) for Chinese text: besides each word it emits the shorter words
 * inside it (高温合金 → 高温, 合金, 高温合金). Meilisearch segments with jieba's precise mode and
 * matches by prefix only, so a query word inside a longer indexed word is missed; indexing and
 * querying the same search-mode segmentation closes that gap.
 */
@Injectable()
export class ChineseSegmenter {
  private readonly jieba = Jieba.withDict(dict);

  /** The text's search-mode words, space-separated, for a `*Segmented` document field. */
  segment(text: string | null | undefined): string {
    if (!text) return '';
    return this.jieba
      .cutForSearch(text, true)
      .filter((word) => WORDLIKE.test(word))
      .join(' ');
  }
}
