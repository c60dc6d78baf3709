import { Field as GqlField, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FieldScheme } from '../shared/catalogue-enums.js';

/**
 * A node of the field tree: the national discipline catalogue (门类 → 一级学科, codes 08 → 0812) and,
 * beside it, the high-tech fields (HT01 → HT0101). Reference data, synchronised from data/ at start.
 */
@ObjectType('FieldOfScience', { description: '学科/技术领域 / A field of the field tree' })
@Entity({ name: 'fields' })
export class TechField {
  @GqlField()
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @GqlField(() => FieldScheme)
  @Column({ type: 'enum', enum: FieldScheme, enumName: 'field_scheme' })
  scheme!: FieldScheme;

  @GqlField(() => String, { nullable: true })
  @Index('ix_fields_parent_code')
  @Column({ type: 'varchar', length: 16, name: 'parent_code', nullable: true })
  parentCode!: string | null;

  @GqlField()
  @Column({ type: 'varchar', length: 100, name: 'name_zh' })
  nameZh!: string;

  @GqlField()
  @Column({ type: 'varchar', length: 200, name: 'name_en' })
  nameEn!: string;
}
