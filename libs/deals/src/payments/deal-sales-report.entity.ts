import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Deal } from '../entities/deal.entity.js';
import { DealSide } from '../entities/deal-enums.js';

/**
 * The enterprise's net sales for one period, and the royalty they owe on it, computed once when
 * reported: the rate is copied from the agreed terms so that the calculation can be checked later
 * from this row alone (royalty-rules.ts has the rounding rule). Periods of a deal never overlap
 * (checked under the deal's row lock). Append-only (trigger in migration DealPayments).
 */
@ObjectType({ description: '销售额报告 / Net sales reported for one period, and the royalty' })
@Entity({ name: 'deal_sales_reports' })
@Index('uq_deal_sales_reports_period', ['dealId', 'periodStart', 'periodEnd'], { unique: true })
@Check('ck_deal_sales_reports_period', 'period_start <= period_end')
@Check('ck_deal_sales_reports_amounts', 'net_sales_fen >= 0 AND royalty_fen >= 0')
export class DealSalesReport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_sales_reports_deal' })
  deal?: Deal;

  @Field({ description: 'First day of the period, YYYY-MM-DD' })
  @Column({ type: 'date', name: 'period_start' })
  periodStart!: string;

  @Field({ description: 'Last day of the period, YYYY-MM-DD' })
  @Column({ type: 'date', name: 'period_end' })
  periodEnd!: string;

  @Field({ description: 'Net sales, integer fen (分), as decimal digits' })
  @Column({ type: 'bigint', name: 'net_sales_fen' })
  netSalesFen!: string;

  @Field(() => Int, { description: 'The agreed rate, basis points' })
  @Column({ type: 'int', name: 'royalty_rate_bp' })
  royaltyRateBp!: number;

  @Field({ description: 'Royalty, fen: net sales × rate / 10000, rounded half up' })
  @Column({ type: 'bigint', name: 'royalty_fen' })
  royaltyFen!: string;

  @Field(() => DealSide)
  @Column({ type: 'enum', enum: DealSide, enumName: 'deal_side', name: 'reported_by_side' })
  reportedBySide!: DealSide;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'reported_by_user_id' })
  reportedByUserId!: string;

  /** Business time, from the Clock. */
  @Field()
  @Column({ type: 'timestamptz', name: 'reported_at' })
  reportedAt!: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
