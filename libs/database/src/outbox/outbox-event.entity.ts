import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * "Something searchable changed": written in the same transaction as the change itself, so that a
 * committed change always has its event and a rolled-back one never does. A relay (libs/search)
 * claims pending events with FOR UPDATE SKIP LOCKED, so several API replicas share the work and
 * each event is handled by one of them.
 */
@Entity({ name: 'outbox_events' })
@Index('ix_outbox_events_pending', { synchronize: false })
export class OutboxEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  /** What changed: `result`, `need`, `institution`, `enterprise`. */
  @Column({ type: 'varchar', length: 64 })
  topic!: string;

  @Column({ type: 'uuid', name: 'aggregate_id' })
  aggregateId!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Not before this time: retries back off by moving it forward. */
  @Column({ type: 'timestamptz', name: 'available_at', default: () => 'now()' })
  availableAt!: Date;

  @Column({ type: 'timestamptz', name: 'processed_at', nullable: true })
  processedAt!: Date | null;

  /** Set when an event failed too often: kept for inspection, no longer blocking the rest. */
  @Column({ type: 'timestamptz', name: 'parked_at', nullable: true })
  parkedAt!: Date | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;
}
