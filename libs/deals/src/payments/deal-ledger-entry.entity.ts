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
import { DealInstalment } from './deal-instalment.entity.js';
import { DealPayment } from './deal-payment.entity.js';
import { LedgerEntryKind } from './payment-enums.js';

/**
 * The money of a deal, one entry per movement: CHARGE when an instalment is created (the amount
 * becomes owed), PAYMENT when money is received. Amounts are positive fen; the kind says which way
 * they count. Every balance (per instalment, per deal: charged, paid, outstanding, overdue) is a
 * SQL sum over these rows and is stored nowhere else. Append-only: a trigger (migration
 * DealPayments) refuses UPDATE, DELETE and TRUNCATE; a mistake is corrected by a new entry.
 * `sequence` is 1, 2, … per deal (written under the deal's row lock), `eventSequence` the deal
 * event (timeline entry) of the change that wrote it.
 */
@ObjectType({ description: '台账分录 / An entry of a deal ledger (append-only)' })
@Entity({ name: 'deal_ledger_entries' })
@Index('uq_deal_ledger_entries_deal_sequence', ['dealId', 'sequence'], { unique: true })
@Check('ck_deal_ledger_entries_amount', 'amount_fen > 0')
@Check('ck_deal_ledger_entries_payment', `(kind = 'PAYMENT') = (payment_id IS NOT NULL)`)
export class DealLedgerEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_ledger_entries_deal' })
  deal?: Deal;

  @Field(() => Int, { description: '1, 2, … within the deal' })
  @Column({ type: 'int' })
  sequence!: number;

  @Field(() => LedgerEntryKind)
  @Column({ type: 'enum', enum: LedgerEntryKind, enumName: 'deal_ledger_entry_kind' })
  kind!: LedgerEntryKind;

  @Field({ description: 'Integer fen (分), positive, as decimal digits' })
  @Column({ type: 'bigint', name: 'amount_fen' })
  amountFen!: string;

  @Field(() => ID)
  @Index('ix_deal_ledger_entries_instalment')
  @Column({ type: 'uuid', name: 'instalment_id' })
  instalmentId!: string;

  @ManyToOne(() => DealInstalment, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'instalment_id',
    foreignKeyConstraintName: 'fk_deal_ledger_entries_instalment',
  })
  instalment?: DealInstalment;

  @Field(() => ID, { nullable: true, description: 'PAYMENT: the payment recorded' })
  @Index('uq_deal_ledger_entries_payment', { unique: true })
  @Column({ type: 'uuid', name: 'payment_id', nullable: true })
  paymentId!: string | null;

  @ManyToOne(() => DealPayment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'payment_id', foreignKeyConstraintName: 'fk_deal_ledger_entries_payment' })
  payment?: DealPayment;

  @Field(() => Int, { description: 'The timeline entry (deal event sequence) that wrote it' })
  @Column({ type: 'int', name: 'event_sequence' })
  eventSequence!: number;

  /** Business time, from the Clock. */
  @Field()
  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
