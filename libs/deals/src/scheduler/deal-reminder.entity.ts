import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Deal } from '../entities/deal.entity.js';

/**
 * A trial reminder that went out: one row per deal and reminder day, inserted in the transaction
 * that stores its notifications. The primary key is what makes a reminder go out once: a second
 * replica (or an overlapping sweep) inserting the same (deal, days) waits for the first to commit,
 * then inserts nothing and sends nothing.
 */
@Entity({ name: 'deal_reminders' })
export class DealReminder {
  @PrimaryColumn({ type: 'uuid', name: 'deal_id', primaryKeyConstraintName: 'pk_deal_reminders' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_reminders_deal' })
  deal?: Deal;

  /** The reminder: this many days before the trial ends (DEAL_TRIAL_REMINDER_DAYS). */
  @PrimaryColumn({
    type: 'int',
    name: 'days_before',
    primaryKeyConstraintName: 'pk_deal_reminders',
  })
  daysBefore!: number;

  /** When it was due: the trial's end minus `daysBefore` days. */
  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  /** Business time (the Clock) when it went out; later than `dueAt` after downtime. */
  @Column({ type: 'timestamptz', name: 'sent_at' })
  sentAt!: Date;

  @Column({ type: 'int', name: 'recipient_count' })
  recipientCount!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
