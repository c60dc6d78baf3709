import { Field, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { CultivationTier, EnterpriseQualification } from '../shared/catalogue-enums.js';
import { Division } from '../taxonomies/division.entity.js';
import { Industry } from '../taxonomies/industry.entity.js';

/** An enterprise on the demand side; its users post needs in its name. */
@ObjectType({ description: '企业 / An enterprise' })
@Entity({ name: 'enterprises' })
export class Enterprise extends BaseEntity {
  @Field()
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Field({ description: '统一社会信用代码 (GB 32100-2015)' })
  @Index('uq_enterprises_uscc', { unique: true })
  @Column({ type: 'char', length: 18 })
  uscc!: string;

  @Field()
  @Column({ type: 'char', length: 6, name: 'division_code' })
  divisionCode!: string;

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code' })
  division?: Division;

  @Field({ description: 'GB/T 4754-2017 大类 code' })
  @Column({ type: 'varchar', length: 4, name: 'industry_code' })
  industryCode!: string;

  @ManyToOne(() => Industry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code' })
  industry?: Industry;

  @Field(() => [EnterpriseQualification])
  @Column({
    type: 'enum',
    enum: EnterpriseQualification,
    enumName: 'enterprise_qualification',
    array: true,
    default: [],
  })
  qualifications!: EnterpriseQualification[];

  @Field(() => CultivationTier, { nullable: true })
  @Column({
    type: 'enum',
    enum: CultivationTier,
    enumName: 'cultivation_tier',
    name: 'cultivation_tier',
    nullable: true,
  })
  cultivationTier!: CultivationTier | null;

  /** Private to the enterprise, brokers and admins (see EnterpriseResolver). */
  @Column({ type: 'varchar', length: 100, name: 'contact_name', nullable: true })
  contactName!: string | null;

  @Column({ type: 'varchar', length: 32, name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  @Field(() => Int)
  @VersionColumn()
  version!: number;
}
