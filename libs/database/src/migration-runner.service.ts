import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// Any fixed 64-bit number; all replicas use the same one to take turns migrating.
const MIGRATION_LOCK_KEY = 7_041_202_600_000_001n;

/**
 * Applies pending migrations at start-up. Several replicas may start at once: a Postgres advisory
 * lock lets one migrate while the others wait, and then find nothing left to do.
 */
@Injectable()
export class MigrationRunner {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async runPending(): Promise<string[]> {
    return runMigrationsLocked(this.dataSource, (names) => {
      if (names.length > 0) this.logger.log(`Applied migrations: ${names.join(', ')}`);
    });
  }
}

/** The locking itself, shared with the CLI, which has no Nest container. */
export async function runMigrationsLocked(
  dataSource: DataSource,
  report: (applied: string[]) => void = () => undefined,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((migration) => migration.name);
    report(names);
    return names;
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()])
      .catch(() => undefined);
    await runner.release();
  }
}
