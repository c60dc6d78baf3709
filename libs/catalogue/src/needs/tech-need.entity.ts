import { Field, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { bigintYuan } from '../shared/bigint-yuan.js';
import { NeedStatus, TransferMode } from '../shared/catalogue-enums.js';

/** A technology need (技术需求) an enterprise posts. */
@ObjectType({ description: '技术需求 / A technology need' })
@Entity({ name: 'tech_needs' })
@Check('ck_tech_needs_min_trl', 'min_trl IS NULL OR min_trl BETWEEN 1 AND 9')
@Check(
  'ck_tech_needs_budget',
  'budget_min_yuan IS NULL OR budget_max_yuan IS NULL OR budget_min_yuan <= budget_max_yuan',
)
@Index('ix_tech_needs_status_published', ['status', 'publishedAt'])
@Index('ix_tech_needs_field_codes', { synchronize: false })
export class TechNeed extends BaseEntity {
  @Field()
  @Index('ix_tech_needs_enterprise')
  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field()
  @Column({ type: 'text' })
  description!: string;

  @Field({ description: '需要解决的技术难题' })
  @Column({ type: 'text' })
  problem!: string;

  @Field(() => [String], { description: 'Field-tree codes' })
  @Column({ type: 'varchar', length: 16, array: true, name: 'field_codes', default: [] })
  fieldCodes!: string[];

  @Field(() => [String])
  @Column({ type: 'varchar', length: 50, array: true, default: [] })
  keywords!: string[];

  @Field(() => Int, { nullable: true, description: 'Lowest acceptable TRL, 1–9' })
  @Column({ type: 'smallint', name: 'min_trl', nullable: true })
  minTrl!: number | null;

  @Field(() => Int, { nullable: true, description: 'Budget, lower bound, yuan' })
  @Column({ type: 'bigint', name: 'budget_min_yuan', nullable: true, transformer: bigintYuan })
  budgetMinYuan!: number | null;

  @Field(() => Int, { nullable: true, description: 'Budget, upper bound, yuan' })
  @Column({ type: 'bigint', name: 'budget_max_yuan', nullable: true, transformer: bigintYuan })
  budgetMaxYuan!: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Field(() => [TransferMode], { description: 'Wanted cooperation modes' })
  @Column({ type: 'enum', enum: TransferMode, enumName: 'transfer_mode', array: true })
  modes!: TransferMode[];

  @Field(() => NeedStatus)
  @Column({ type: 'enum', enum: NeedStatus, enumName: 'need_status', default: NeedStatus.DRAFT })
  status!: NeedStatus;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int)
  @VersionColumn()
  version!: number;

  @Index('uq_tech_needs_source_key', { unique: true })
  @Column({ type: 'varchar', length: 100, name: 'source_key', nullable: true })
  sourceKey!: string | null;
}
