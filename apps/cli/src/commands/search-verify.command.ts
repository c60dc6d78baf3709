import type { INestApplicationContext } from '@nestjs/common';
import { type IndexRole, OutboxRelay, SearchVerifier, type VerifyReport } from '@techmatch/search';

export interface VerifyOptions {
  /** Let the relay handle what is pending first, so that only real divergence is reported. */
  drain: boolean;
  /** Ids printed per kind of difference; the counts are always complete. */
  limit: number;
}

const list = (label: string, ids: string[], limit: number): string => {
  const shown = ids.slice(0, limit).join(' ');
  const more = ids.length > limit ? ` … (${ids.length - limit} more)` : '';
  return `  ${label.padEnd(8)}${ids.length}${ids.length > 0 ? `: ${shown}${more}` : ''}\n`;
};

/**
 * `search:verify`: compares Postgres with Meilisearch and prints missing, stale and extra ids.
 * Returns whether both indexes are clean, which becomes the exit code.
 */
export async function searchVerify(
  app: INestApplicationContext,
  options: VerifyOptions,
): Promise<boolean> {
  if (options.drain) await app.get(OutboxRelay).drain();
  const verifier = app.get(SearchVerifier);
  const reports: VerifyReport[] = [];
  for (const role of ['results', 'needs'] as IndexRole[]) {
    const report = await verifier.verify(role);
    reports.push(report);
    process.stdout.write(
      `${role}: ${report.expected} expected, ${report.indexed} indexed\n` +
        list('missing', report.missing, options.limit) +
        list('stale', report.stale, options.limit) +
        list('extra', report.extra, options.limit),
    );
  }
  const clean = reports.every(
    (report) => report.missing.length + report.stale.length + report.extra.length === 0,
  );
  process.stdout.write(
    clean ? 'clean\n' : 'differences found: run `npm run cli -- reindex all` to rebuild\n',
  );
  return clean;
}
