import { Field, ID, ObjectType } from '@nestjs/graphql';
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
import { DealInstalment } from './deal-instalment.entity.js';

/**
 * Money received against one instalment, as recorded by a broker. One row per idempotency key
 * (unique, across all deals): the same key again returns this row; the same key with other content
 * is refused. `requestHash` is the SHA-256 of the request as sent, which is how "other content" is
 * told apart from a retry. Append-only (trigger in migration DealPayments); its amount also enters
 * the ledger as a PAYMENT entry in the same transaction.
 */
@ObjectType({ description: '付款记录 / A payment received against an instalment' })
@Entity({ name: 'deal_payments' })
@Index('uq_deal_payments_idempotency_key', ['idempotencyKey'], { unique: true })
@Check('ck_deal_payments_amount', 'amount_fen > 0')
export class DealPayment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Index('ix_deal_payments_deal')
  @Column({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_payments_deal' })
  deal?: Deal;

  @Field(() => ID)
  @Index('ix_deal_payments_instalment')
  @Column({ type: 'uuid', name: 'instalment_id' })
  instalmentId!: string;

  @ManyToOne(() => DealInstalment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'instalment_id', foreignKeyConstraintName: 'fk_deal_payments_instalment' })
  instalment?: DealInstalment;

  @Field({ description: 'Integer fen (分), as decimal digits' })
  @Column({ type: 'bigint', name: 'amount_fen' })
  amountFen!: string;

  @Field()
  @Column({ type: 'varchar', length: 100, name: 'idempotency_key' })
  idempotencyKey!: string;

  @Column({ type: 'char', length: 64, name: 'request_hash' })
  requestHash!: string;

  @Field({ description: 'When the money arrived, YYYY-MM-DD' })
  @Column({ type: 'date', name: 'paid_on' })
  paidOn!: string;

  @Field(() => String, { nullable: true, description: 'Bank or voucher reference' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'recorded_by_user_id' })
  recordedByUserId!: string;

  /** Business time, from the Clock. */
  @Field()
  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
