import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Deal } from './deal.entity.js';
import { DealEventType, DealSide, DealState } from './deal-enums.js';

/**
 * One entry of a deal's audit trail, appended in the transaction that made the change. Append-only:
 * a trigger (migration Deals) refuses UPDATE, DELETE and TRUNCATE for everyone, admins included.
 * `sequence` is 1, 2, 3 … per deal without gaps: it is the deal's version after the change, which
 * only one transaction at a time can move (the deal row is locked).
 */
@ObjectType({ description: '交易事件（审计记录）/ An entry of a deal timeline' })
@Entity({ name: 'deal_events' })
@Index('uq_deal_events_deal_sequence', ['dealId', 'sequence'], { unique: true })
export class DealEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_events_deal' })
  deal?: Deal;

  @Field(() => Int)
  @Column({ type: 'int' })
  sequence!: number;

  @Field(() => DealEventType)
  @Column({ type: 'enum', enum: DealEventType, enumName: 'deal_event_type' })
  type!: DealEventType;

  @Field(() => String, { nullable: true, description: 'The action or step, when there was one' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  action!: string | null;

  @Field(() => DealSide)
  @Column({ type: 'enum', enum: DealSide, enumName: 'deal_side', name: 'actor_side' })
  actorSide!: DealSide;

  /** Null for the scheduler (SYSTEM). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true })
  actorUserId!: string | null;

  @Field(() => DealState)
  @Column({ type: 'enum', enum: DealState, enumName: 'deal_state', name: 'from_state' })
  fromState!: DealState;

  @Field(() => DealState)
  @Column({ type: 'enum', enum: DealState, enumName: 'deal_state', name: 'to_state' })
  toState!: DealState;

  /** The changed fields before and after, as JSON; GraphQL shows them as JSON text. */
  @Column({ type: 'jsonb' })
  before!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  after!: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Business time, from the Clock (a test clock may be far ahead of created_at). */
  @Field()
  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
