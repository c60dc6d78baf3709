import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The reports' monthly rollup (see report-rollup.service.ts): per month, source and the dimensions
 * the reports group and filter by, the figures' values in the order of `ReportRollupState.columns`.
 * Rebuilt whole, in one transaction, by each refresh; nothing else writes it.
 */
@Entity({ name: 'report_rollup' })
@Index('ix_report_rollup_level_bucket', ['level', 'bucket'])
export class ReportRollupRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  /**
   * 0: per institution. 1: the same summed over institutions (institution_id null), which is all a
   * report that neither groups nor filters by institution needs, at a tenth of the rows.
   */
  @Column({ type: 'smallint' })
  level!: number;

  /** First day of the month (China time) the values fall in. */
  @Column({ type: 'date' })
  bucket!: string;

  /** The report source (report-definitions.ts) the values come from. */
  @Column({ type: 'varchar', length: 20 })
  source!: string;

  /** Null for a source without an enterprise (results). */
  @Column({ type: 'varchar', length: 12, name: 'enterprise_division', nullable: true })
  enterpriseDivision!: string | null;

  /** Null for a source without an institution (needs), and on level 1. */
  @Column({ type: 'uuid', name: 'institution_id', nullable: true })
  institutionId!: string | null;

  /** Null for a source that is not about deals. */
  @Column({ type: 'varchar', length: 40, name: 'deal_kind', nullable: true })
  dealKind!: string | null;

  /** Counts and fen; int8 adds up faster than numeric, and every figure is a whole number. */
  @Column({ type: 'bigint', array: true })
  vals!: string[];
}

/** When the rollup was last rebuilt, and which figure columns its `vals` hold. One row. */
@Entity({ name: 'report_rollup_state' })
@Check('ck_report_rollup_state_single', `"id" = 1`)
export class ReportRollupState {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  /** The instant (the reports' Clock) the rollup's records were read at. */
  @Column({ type: 'timestamptz', name: 'refreshed_at' })
  refreshedAt!: Date;

  /** The figure columns of `report_rollup.vals`, in order; a rollup of other columns is not used. */
  @Column({ type: 'text', array: true })
  columns!: string[];

  @Column({ type: 'int', name: 'took_ms' })
  tookMs!: number;
}
