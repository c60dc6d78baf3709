import { Field, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  VersionColumn,
} from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import { bigintYuan } from '../shared/bigint-yuan.js';
import { Researcher } from '../researchers/researcher.entity.js';
import { ResultLevel, ResultStage, ResultStatus, TransferMode } from '../shared/catalogue-enums.js';

/**
 * A research result (科技成果) an institution offers. `confidentialDetail` is deliberately not a
 * plain field: ResearchResultResolver decides per caller whether it is shown or null.
 */
@ObjectType({ description: '科技成果 / A research result on offer' })
@Entity({ name: 'research_results' })
@Check('ck_research_results_trl', 'trl BETWEEN 1 AND 9')
@Check(
  'ck_research_results_price',
  'price_min_yuan IS NULL OR price_max_yuan IS NULL OR price_min_yuan <= price_max_yuan',
)
@Index('ix_research_results_status_published', ['status', 'publishedAt'])
@Index('ix_research_results_field_codes', { synchronize: false })
export class ResearchResult extends BaseEntity {
  @Field()
  @Index('ix_research_results_institution')
  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId!: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Institution;

  @ManyToMany(() => Researcher)
  @JoinTable({
    name: 'research_result_researchers',
    joinColumn: { name: 'result_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'researcher_id', referencedColumnName: 'userId' },
  })
  researchers?: Researcher[];

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field({ description: '公开简介' })
  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'text', name: 'confidential_detail', nullable: true })
  confidentialDetail!: string | null;

  @Field(() => [String], { description: 'Field-tree codes' })
  @Column({ type: 'varchar', length: 16, array: true, name: 'field_codes', default: [] })
  fieldCodes!: string[];

  @Field(() => [String])
  @Column({ type: 'varchar', length: 50, array: true, default: [] })
  keywords!: string[];

  @Field(() => Int, { description: 'Technology readiness level 1–9' })
  @Column({ type: 'smallint' })
  trl!: number;

  @Field(() => ResultStage)
  @Column({ type: 'enum', enum: ResultStage, enumName: 'result_stage' })
  stage!: ResultStage;

  @Field(() => ResultLevel)
  @Column({ type: 'enum', enum: ResultLevel, enumName: 'result_level' })
  level!: ResultLevel;

  @Field(() => [TransferMode])
  @Column({ type: 'enum', enum: TransferMode, enumName: 'transfer_mode', array: true })
  modes!: TransferMode[];

  @Field(() => Int, { nullable: true, description: 'Asking price, lower bound, yuan' })
  @Column({ type: 'bigint', name: 'price_min_yuan', nullable: true, transformer: bigintYuan })
  priceMinYuan!: number | null;

  @Field(() => Int, { nullable: true, description: 'Asking price, upper bound, yuan' })
  @Column({ type: 'bigint', name: 'price_max_yuan', nullable: true, transformer: bigintYuan })
  priceMaxYuan!: number | null;

  @Field({ description: '职务科技成果 (managed as a separate asset)' })
  @Column({ type: 'boolean', name: 'service_invention', default: true })
  serviceInvention!: boolean;

  @Field(() => ResultStatus)
  @Column({
    type: 'enum',
    enum: ResultStatus,
    enumName: 'result_status',
    default: ResultStatus.DRAFT,
  })
  status!: ResultStatus;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int, { description: 'Send it back with updates; a stale one is refused (CONFLICT)' })
  @VersionColumn()
  version!: number;

  /** Natural key of imported or seeded rows, so that loading them again changes nothing. */
  @Index('uq_research_results_source_key', { unique: true })
  @Column({ type: 'varchar', length: 100, name: 'source_key', nullable: true })
  sourceKey!: string | null;
}
