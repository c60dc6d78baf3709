import { Field, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ResearchResult } from '../results/research-result.entity.js';
import { bigintYuan } from '../shared/bigint-yuan.js';
import { PatentKind, PatentLegalStatus } from '../shared/catalogue-enums.js';

/** A Chinese patent behind a research result; licences in deals name these. */
@ObjectType({ description: '专利 / A patent' })
@Entity({ name: 'patents' })
export class Patent extends BaseEntity {
  @Field({ description: 'Normalised: 202310123456.6 or CN114123456A' })
  @Index('uq_patents_number', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  number!: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => PatentKind)
  @Column({ type: 'enum', enum: PatentKind, enumName: 'patent_kind' })
  kind!: PatentKind;

  @Field(() => PatentLegalStatus)
  @Column({
    type: 'enum',
    enum: PatentLegalStatus,
    enumName: 'patent_legal_status',
    name: 'legal_status',
  })
  legalStatus!: PatentLegalStatus;

  @Field(() => [String], { description: '专利权人' })
  @Column({ type: 'varchar', length: 200, array: true, default: [] })
  owners!: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', name: 'filed_on', nullable: true })
  filedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', name: 'granted_on', nullable: true })
  grantedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', name: 'expires_on', nullable: true })
  expiresOn!: string | null;

  @Field({ description: '专利开放许可声明' })
  @Column({ type: 'boolean', name: 'open_licence', default: false })
  openLicence!: boolean;

  @Field(() => Int, { nullable: true, description: 'Declared open-licence fee, yuan' })
  @Column({
    type: 'bigint',
    name: 'open_licence_fee_yuan',
    nullable: true,
    transformer: bigintYuan,
  })
  openLicenceFeeYuan!: number | null;

  @Field()
  @Index('ix_patents_result')
  @Column({ type: 'uuid', name: 'result_id' })
  resultId!: string;

  @ManyToOne(() => ResearchResult, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;
}
