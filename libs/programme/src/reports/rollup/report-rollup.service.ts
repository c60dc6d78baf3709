import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock, type Environment } from '@techmatch/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportGranularity } from '../dto/report-filter.input.js';
import { addDays, bucketStart, chinaDate, chinaMidnight, shiftBucket } from '../report-period.js';
import type { SqlFilter } from '../report-sql.js';
import { ReportRollupState } from './report-rollup.entity.js';
import {
  ROLLUP_COLUMNS,
  rollupFlowsSql,
  rollupSnapshotsSql,
  type RollupWindow,
} from './rollup-sql.js';

/** Any constant the replicas agree on: the advisory lock one refresh at a time holds. */
const REFRESH_LOCK = 7_203_117;

export interface RollupRefresh {
  refreshedAt: Date;
  rows: number;
  tookMs: number;
}

/** What a report reads from the rollup instead of the records, when it may. */
export interface RollupPlan {
  window: RollupWindow;
  /** The instant the report's figures stand at: the period's end, or the refresh if earlier. */
  asOf: Date;
  refreshedAt: Date;
}

const FLOWS_SQL = rollupFlowsSql();
const SNAPSHOTS_SQL = rollupSnapshotsSql();

/**
 * The reports' monthly rollup. Counting every record of every source on each request costs about a
 * second over 100,000 deals (docs/reports.md); a per-county report over the rollup reads a few
 * thousand pre-counted rows. The rollup is rebuilt whole every REPORT_ROLLUP_INTERVAL_MS by one
 * replica at a time (an advisory lock; the others skip that round), in one REPEATABLE READ
 * transaction, so a report sees the old rollup or the new one, never half of each.
 *
 * A report uses it only when the answer is the same as counting live, except for what happened
 * since the refresh: the rollup is at most REPORT_ROLLUP_MAX_AGE_MS old, the period is whole
 * months (or runs past the refresh), and no field is asked for (the rollup keeps no fields). Its
 * `period.asOf` then says the instant the figures stand at, and `period.basis` is ROLLUP.
 */
@Injectable()
export class ReportRollup implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportRollup.name);
  private readonly enabled: boolean;
  private readonly intervalMs: number;
  private readonly maxAgeMs: number;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    settings: ConfigService<Environment, true>,
  ) {
    this.enabled = settings.get('REPORT_ROLLUP', { infer: true });
    this.intervalMs = settings.get('REPORT_ROLLUP_INTERVAL_MS', { infer: true });
    this.maxAgeMs = settings.get('REPORT_ROLLUP_MAX_AGE_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  /**
   * Rebuilds the rollup from the records as they are now. With `wait: false` (the periodic loop),
   * gives up and returns null when another replica is at it: its rollup will be as fresh. Otherwise
   * waits for that one and then rebuilds.
   *
   * The lock is a session lock taken before the transaction: a REPEATABLE READ transaction's
   * snapshot is taken by its first statement, so a lock waited for inside it would leave the
   * rebuild reading the rollup as it was before the other replica's rebuild committed.
   */
  async refresh(options: { wait: boolean } = { wait: true }): Promise<RollupRefresh | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query(
        options.wait
          ? 'SELECT pg_advisory_lock($1) IS NOT NULL AS locked'
          : 'SELECT pg_try_advisory_lock($1) AS locked',
        [REFRESH_LOCK],
      )) as Array<{ locked: boolean }>;
      if (!lock?.locked) return null;
      try {
        // One snapshot of every table; REPEATABLE READ, unlike SERIALIZABLE, never aborts writers.
        await runner.startTransaction('REPEATABLE READ');
        try {
          const done = await this.rebuild(runner.manager);
          await runner.commitTransaction();
          return done;
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [REFRESH_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async rebuild(manager: EntityManager): Promise<RollupRefresh> {
    const started = performance.now();
    const refreshedAt = this.clock.now();
    await manager.query('DELETE FROM report_rollup');
    await manager.query(FLOWS_SQL);
    await manager.query(SNAPSHOTS_SQL, [refreshedAt]);
    const [count] = await manager.query<Array<{ rows: number }>>(
      'SELECT count(*)::int AS rows FROM report_rollup',
    );
    const tookMs = Math.round(performance.now() - started);
    await manager.upsert(
      ReportRollupState,
      { id: 1, refreshedAt, columns: ROLLUP_COLUMNS, tookMs },
      ['id'],
    );
    return { refreshedAt, rows: count?.rows ?? 0, tookMs };
  }

  /**
   * How a report over `filter` reads the rollup, or null if it must count live: rollup off, never
   * built, built for other columns or too old, a field asked for, or a period that cuts a month
   * the rollup cannot cut.
   */
  async plan(
    filter: SqlFilter,
    from: string | null,
    to: string | null,
  ): Promise<RollupPlan | null> {
    if (!this.enabled || filter.fieldCodes) return null;
    if (from && !from.endsWith('-01')) return null;
    const state = await this.dataSource.getRepository(ReportRollupState).findOneBy({ id: 1 });
    if (!state || state.columns.join('\n') !== ROLLUP_COLUMNS.join('\n')) return null;
    const { refreshedAt } = state;
    if (this.clock.now().getTime() - refreshedAt.getTime() > this.maxAgeMs) return null;
    const end = to ? chinaMidnight(addDays(to, 1)) : null;
    // A period ending mid-month is whole only if that month's rollup stops (at the refresh) first.
    if (to && end && end < refreshedAt && !isLastDayOfMonth(to)) return null;
    const asOf = end && end < refreshedAt ? end : refreshedAt;
    const month = ReportGranularity.MONTH;
    return {
      refreshedAt,
      asOf,
      window: {
        fromBucket: from,
        toBucket: to ? bucketStart(to, month) : null,
        // The snapshot of the month the as-of instant closes (the refresh's own, if it is that).
        asOfBucket: bucketStart(chinaDate(new Date(asOf.getTime() - 1)), month),
      },
    };
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const done = await this.refresh({ wait: false });
        if (done)
          this.logger.log(`Report rollup refreshed: ${done.rows} rows in ${done.tookMs} ms`);
      } catch (error) {
        this.logger.warn(`Report rollup refresh failed: ${(error as Error).message}`);
      }
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.intervalMs);
      });
    }
  }
}

const isLastDayOfMonth = (date: string): boolean =>
  addDays(date, 1) ===
  shiftBucket(bucketStart(date, ReportGranularity.MONTH), ReportGranularity.MONTH);
