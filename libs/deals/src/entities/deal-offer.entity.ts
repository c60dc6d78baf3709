import { Field, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Deal } from './deal.entity.js';
import { DealSide, Exclusivity, FeeModel, OfferStatus, RoyaltyBase } from './deal-enums.js';

/** One instalment of a payment schedule, counted in days from the licence (or conversion) date. */
@ObjectType({ description: '付款计划中的一期 / One scheduled instalment' })
export class ScheduledPayment {
  @Field(() => Int)
  dueInDays!: number;

  @Field({ description: 'Integer fen (分), as decimal digits' })
  amountFen!: string;
}

/**
 * A term sheet: a proposal by one side (revision 1, 2, … per deal). A new proposal supersedes the
 * open one. Amounts are integer fen in BIGINT columns, handled as strings of digits (node-postgres
 * returns BIGINT as a string; a JavaScript number would lose precision past 2^53 fen).
 */
@ObjectType({ description: '交易条款（报价）/ A versioned offer of terms' })
@Entity({ name: 'deal_offers' })
@Index('uq_deal_offers_deal_revision', ['dealId', 'revision'], { unique: true })
export class DealOffer extends BaseEntity {
  @Field()
  @Column({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_offers_deal' })
  deal?: Deal;

  @Field(() => Int, { description: '1, 2, … within the deal' })
  @Column({ type: 'int' })
  revision!: number;

  @Field(() => DealSide)
  @Column({ type: 'enum', enum: DealSide, enumName: 'deal_side', name: 'proposed_by' })
  proposedBy!: DealSide;

  @Field()
  @Column({ type: 'uuid', name: 'proposed_by_user_id' })
  proposedByUserId!: string;

  @Field(() => OfferStatus)
  @Column({
    type: 'enum',
    enum: OfferStatus,
    enumName: 'deal_offer_status',
    default: OfferStatus.OPEN,
  })
  status!: OfferStatus;

  @Field(() => FeeModel)
  @Column({ type: 'enum', enum: FeeModel, enumName: 'deal_fee_model', name: 'fee_model' })
  feeModel!: FeeModel;

  @Field(() => String, { nullable: true, description: 'LUMP_SUM: the whole fee, fen' })
  @Column({ type: 'bigint', name: 'lump_sum_fen', nullable: true })
  lumpSumFen!: string | null;

  @Field(() => String, { nullable: true, description: 'ENTRY_PLUS_ROYALTY: entry fee, fen' })
  @Column({ type: 'bigint', name: 'entry_fee_fen', nullable: true })
  entryFeeFen!: string | null;

  @Field(() => Int, { nullable: true, description: 'Royalty rate in basis points (1 = 0.01%)' })
  @Column({ type: 'int', name: 'royalty_rate_bp', nullable: true })
  royaltyRateBp!: number | null;

  @Field(() => RoyaltyBase, { nullable: true })
  @Column({
    type: 'enum',
    enum: RoyaltyBase,
    enumName: 'deal_royalty_base',
    name: 'royalty_base',
    nullable: true,
  })
  royaltyBase!: RoyaltyBase | null;

  @Field(() => Int, { nullable: true, description: 'TRIAL_FIRST_LICENSE: free trial, days' })
  @Column({ type: 'int', name: 'trial_days', nullable: true })
  trialDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'Days to decide after the trial ends' })
  @Column({ type: 'int', name: 'conversion_grace_days', nullable: true })
  conversionGraceDays!: number | null;

  @Field(() => Exclusivity)
  @Column({ type: 'enum', enum: Exclusivity, enumName: 'deal_exclusivity' })
  exclusivity!: Exclusivity;

  @Field(() => [String], { description: 'Division codes; empty: everywhere' })
  @Column({ type: 'varchar', length: 12, array: true, name: 'territory_codes', default: [] })
  territoryCodes!: string[];

  @Field(() => String, { nullable: true, description: 'Territory in words (e.g. 河南省)' })
  @Column({ type: 'text', name: 'territory_note', nullable: true })
  territoryNote!: string | null;

  @Field(() => [ScheduledPayment])
  @Column({ type: 'jsonb', name: 'payment_schedule', default: [] })
  paymentSchedule!: ScheduledPayment[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'enterprise_accepted_at', nullable: true })
  enterpriseAcceptedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'institution_accepted_at', nullable: true })
  institutionAcceptedAt!: Date | null;
}
