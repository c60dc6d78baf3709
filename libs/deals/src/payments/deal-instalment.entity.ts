import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Deal } from '../entities/deal.entity.js';
import { DealOffer } from '../entities/deal-offer.entity.js';
import { InstalmentKind } from './payment-enums.js';
import { DealSalesReport } from './deal-sales-report.entity.js';

/**
 * An amount the enterprise owes on a date: one instalment of the agreed fixed fee, or the royalty
 * of one sales report. The row holds what never changes (which deal, when due, why); how much it
 * charges and how much has been paid are the ledger's (deal_ledger_entries), summed when read.
 * Append-only (trigger in migration DealPayments).
 */
@Entity({ name: 'deal_instalments' })
@Index('uq_deal_instalments_deal_sequence', ['dealId', 'sequence'], { unique: true })
@Index('ix_deal_instalments_due', ['dueOn'])
export class DealInstalment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_instalments_deal' })
  deal?: Deal;

  /** 1, 2, … per deal, in order of creation. */
  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'enum', enum: InstalmentKind, enumName: 'deal_instalment_kind' })
  kind!: InstalmentKind;

  /** YYYY-MM-DD in China time; overdue from the day after. */
  @Column({ type: 'date', name: 'due_on' })
  dueOn!: string;

  /** SCHEDULED: the agreed offer it comes from. */
  @Column({ type: 'uuid', name: 'offer_id', nullable: true })
  offerId!: string | null;

  @ManyToOne(() => DealOffer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offer_id', foreignKeyConstraintName: 'fk_deal_instalments_offer' })
  offer?: DealOffer;

  /** ROYALTY: the sales report it charges. */
  @Index('uq_deal_instalments_sales_report', { unique: true })
  @Column({ type: 'uuid', name: 'sales_report_id', nullable: true })
  salesReportId!: string | null;

  @ManyToOne(() => DealSalesReport, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'sales_report_id',
    foreignKeyConstraintName: 'fk_deal_instalments_sales_report',
  })
  salesReport?: DealSalesReport;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
