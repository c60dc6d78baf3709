import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar, Presets } from 'cli-progress';
import { type IndexRole, RebuildBusyError, SearchRebuilder } from '@techmatch/search';
import { CliError } from '../cli-context.js';

export const REINDEX_TARGETS = ['results', 'needs', 'all'] as const;
export type ReindexTarget = (typeof REINDEX_TARGETS)[number];

/** `reindex [results|needs|all]`: rebuilds each index from Postgres and swaps it in. */
export async function reindex(app: INestApplicationContext, target: ReindexTarget): Promise<void> {
  const roles: IndexRole[] = target === 'all' ? ['results', 'needs'] : [target];
  const rebuilder = app.get(SearchRebuilder);
  for (const role of roles) {
    const bar = new SingleBar(
      {
        format: `${role.padEnd(7)} [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted}`,
      },
      Presets.shades_classic,
    );
    bar.start(1, 0);
    try {
      const report = await rebuilder.rebuild(role, (done, total) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(done);
      });
      bar.stop();
      process.stdout.write(
        `${role}: ${report.documents} documents from ${report.rowsScanned} rows swapped into ` +
          `${report.index}, ${report.replayed} changes replayed, ${report.seconds.toFixed(1)} s\n`,
      );
    } catch (error) {
      bar.stop();
      if (error instanceof RebuildBusyError) throw new CliError(error.message);
      throw error;
    }
  }
}
