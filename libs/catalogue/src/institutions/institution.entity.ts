import { Field, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Division } from '../taxonomies/division.entity.js';
import { InstitutionKind } from './institution-kind.js';

/** A university, lab, institute or pilot base that owns research results and patents. */
@ObjectType({ description: '科研机构 / A research institution' })
@Entity({ name: 'institutions' })
export class Institution extends BaseEntity {
  @Field({ description: '中文名称' })
  @Index('uq_institutions_name_zh', { unique: true })
  @Column({ type: 'varchar', length: 200, name: 'name_zh' })
  nameZh!: string;

  @Field(() => String, { nullable: true, description: 'English name' })
  @Column({ type: 'varchar', length: 300, name: 'name_en', nullable: true })
  nameEn!: string | null;

  @Field(() => InstitutionKind)
  @Column({ type: 'enum', enum: InstitutionKind, enumName: 'institution_kind' })
  kind!: InstitutionKind;

  @Field({ description: 'Administrative division code (GB/T 2260) where it sits, e.g. 410305' })
  @Column({ type: 'char', length: 6, name: 'division_code' })
  divisionCode!: string;

  @ManyToOne(() => Division, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'division_code' })
  division?: Division;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, name: 'contact_name', nullable: true })
  contactName!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 32, name: 'contact_phone', nullable: true })
  contactPhone!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 254, name: 'contact_email', nullable: true })
  contactEmail!: string | null;
}
