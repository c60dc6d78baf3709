import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RecordAny } from 'meilisearch';
import type { IndexRole } from '../index-definitions.js';
import { SearchIndexer } from '../search-indexer.service.js';

const PAGE = 1_000;

export interface VerifyReport {
  role: IndexRole;
  /** Documents Postgres says the index should hold. */
  expected: number;
  /** Documents the index holds. */
  indexed: number;
  /** Should be searchable, but the index lacks them. */
  missing: string[];
  /** In the index, but not as Postgres has them now. */
  stale: string[];
  /** In the index, but should not be (unpublished, closed, deleted). */
  extra: string[];
}

/** Key order does not matter to Meilisearch, so it must not matter to the comparison. */
const fingerprint = (document: RecordAny): string =>
  createHash('sha1')
    .update(
      JSON.stringify(document, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
          : value,
      ),
    )
    .digest('hex');

/**
 * Compares an index with what Postgres says it should hold, document by document (a fingerprint
 * of every field), and names the ids that are missing, stale or extra.
 */
@Injectable()
export class SearchVerifier {
  constructor(private readonly indexer: SearchIndexer) {}

  async verify(role: IndexRole): Promise<VerifyReport> {
    const indexed = await this.indexedFingerprints(role);
    const report: VerifyReport = {
      role,
      expected: 0,
      indexed: indexed.size,
      missing: [],
      stale: [],
      extra: [],
    };
    for (let page = await this.indexer.idsAfter(role, null, PAGE); page.length > 0;) {
      for (const document of await this.indexer.documentsOf(role, page)) {
        report.expected += 1;
        const found = indexed.get(document.id);
        if (found === undefined) report.missing.push(document.id);
        else if (found !== fingerprint(document)) report.stale.push(document.id);
        indexed.delete(document.id);
      }
      page = await this.indexer.idsAfter(role, page[page.length - 1] ?? null, PAGE);
    }
    report.extra = [...indexed.keys()];
    return report;
  }

  private async indexedFingerprints(role: IndexRole): Promise<Map<string, string>> {
    const fingerprints = new Map<string, string>();
    const index = this.indexer.index(role);
    for (let offset = 0; ; offset += PAGE) {
      const { results } = await index.getDocuments({ limit: PAGE, offset });
      for (const document of results) fingerprints.set(String(document.id), fingerprint(document));
      if (results.length < PAGE) return fingerprints;
    }
  }
}
