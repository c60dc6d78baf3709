import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IndustryLevel } from '../shared/catalogue-enums.js';

/** GB/T 4754-2017: sections (门类, A–T) and divisions (大类, 01–97). */
@ObjectType({ description: '国民经济行业分类 / An industry of GB/T 4754-2017' })
@Entity({ name: 'industries' })
export class Industry {
  @Field()
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code!: string;

  @Field(() => IndustryLevel)
  @Column({ type: 'enum', enum: IndustryLevel, enumName: 'industry_level' })
  level!: IndustryLevel;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 4, name: 'parent_code', nullable: true })
  parentCode!: string | null;

  @Field()
  @Column({ type: 'varchar', length: 100, name: 'name_zh' })
  nameZh!: string;

  @Field()
  @Column({ type: 'varchar', length: 200, name: 'name_en' })
  nameEn!: string;
}
