import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DivisionKind } from '../shared/catalogue-enums.js';

/**
 * One of Luoyang's 14 county-level divisions. Whether it is an urban district or a county decides
 * 市研县产 eligibility: research in a district, production in a county.
 */
@ObjectType({ description: '洛阳市县级行政区 / A division of Luoyang' })
@Entity({ name: 'divisions' })
export class Division {
  @Field({ description: 'GB/T 2260 code, e.g. 410329' })
  @PrimaryColumn({ type: 'char', length: 6 })
  code!: string;

  @Field(() => DivisionKind)
  @Column({ type: 'enum', enum: DivisionKind, enumName: 'division_kind' })
  kind!: DivisionKind;

  @Field()
  @Column({ type: 'varchar', length: 50, name: 'name_zh' })
  nameZh!: string;

  @Field()
  @Column({ type: 'varchar', length: 100, name: 'name_en' })
  nameEn!: string;
}
