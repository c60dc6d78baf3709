import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Enterprise, Institution, ResearchResult, TechNeed } from '@techmatch/catalogue';
import { BaseEntity } from '@techmatch/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { DealKind, DealState, Exclusivity } from './deal-enums.js';

/**
 * A licensing (or transfer, or joint-development) deal between an enterprise and an institution,
 * run by a broker. `version` counts the deal's changes: it is bumped by every change, together with
 * one DealEvent, so it always equals the number of events in its timeline. Terms live in DealOffer
 * rows; the agreed one is `agreedOfferId`, and what exclusivity checks need is copied here.
 */
@ObjectType({ description: '技术交易 / A licensing or transfer deal' })
@Entity({ name: 'deals' })
@Index('ix_deals_state_created', ['state', 'createdAt'])
// The scheduler's questions: trials that have ended, conversions past their grace period.
@Index('ix_deals_state_trial_ends', ['state', 'trialEndsAt'])
@Index('ix_deals_state_conversion_due', ['state', 'conversionDueBy'])
@Check('ck_deals_sides', '(need_id IS NOT NULL OR result_id IS NOT NULL)')
export class Deal extends BaseEntity {
  @Field(() => DealKind)
  @Column({ type: 'enum', enum: DealKind, enumName: 'deal_kind' })
  kind!: DealKind;

  @Field(() => DealState)
  @Column({ type: 'enum', enum: DealState, enumName: 'deal_state', default: DealState.PROPOSED })
  state!: DealState;

  @Field(() => Int, { description: 'Send it back with every change; a stale one is CONFLICT' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Index('ix_deals_need')
  @Column({ type: 'uuid', name: 'need_id', nullable: true })
  needId!: string | null;

  @ManyToOne(() => TechNeed, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'need_id', foreignKeyConstraintName: 'fk_deals_need' })
  need?: TechNeed;

  @Field(() => String, { nullable: true })
  @Index('ix_deals_result')
  @Column({ type: 'uuid', name: 'result_id', nullable: true })
  resultId!: string | null;

  @ManyToOne(() => ResearchResult, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'result_id', foreignKeyConstraintName: 'fk_deals_result' })
  result?: ResearchResult;

  @Field()
  @Index('ix_deals_enterprise')
  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id', foreignKeyConstraintName: 'fk_deals_enterprise' })
  enterprise?: Enterprise;

  @Field()
  @Index('ix_deals_institution')
  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId!: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id', foreignKeyConstraintName: 'fk_deals_institution' })
  institution?: Institution;

  /** The enterprise's division when the deal was opened: what county reports and filters use. */
  @Field({ description: "The enterprise's division code (county) when the deal was opened" })
  @Column({ type: 'varchar', length: 12, name: 'division_code' })
  divisionCode!: string;

  /** The broker running the deal; null until a broker takes on a deal an enterprise opened. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', name: 'broker_user_id', nullable: true })
  brokerUserId!: string | null;

  @Field()
  @Column({ type: 'uuid', name: 'opened_by_user_id' })
  openedByUserId!: string;

  @Field(() => String, { nullable: true, description: 'The latest offer still open' })
  @Column({ type: 'uuid', name: 'current_offer_id', nullable: true })
  currentOfferId!: string | null;

  @Field(() => String, { nullable: true, description: 'The offer both parties accepted' })
  @Column({ type: 'uuid', name: 'agreed_offer_id', nullable: true })
  agreedOfferId!: string | null;

  @Field(() => Exclusivity, { nullable: true, description: 'From the agreed terms' })
  @Column({ type: 'enum', enum: Exclusivity, enumName: 'deal_exclusivity', nullable: true })
  exclusivity!: Exclusivity | null;

  @Field(() => [String], { description: 'Agreed territory (division codes); empty: everywhere' })
  @Column({ type: 'varchar', length: 12, array: true, name: 'territory_codes', default: [] })
  territoryCodes!: string[];

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'trial_started_at', nullable: true })
  trialStartedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'trial_ends_at', nullable: true })
  trialEndsAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the grace period after the trial' })
  @Column({ type: 'timestamptz', name: 'conversion_due_by', nullable: true })
  conversionDueBy!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the deal reached a final state' })
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;
}
