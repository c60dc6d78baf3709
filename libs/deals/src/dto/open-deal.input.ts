import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { DealKind } from '../entities/deal-enums.js';

const uuid = (field: string) =>
  IsUUID('all', { message: `${field} 必须是有效的 UUID|${field} must be a UUID` });

@InputType({
  description:
    '发起交易 / Open a deal on a need and/or a result. The enterprise comes from the need (or enterpriseId), the institution from the result (or institutionId).',
})
export class OpenDealInput {
  @Field(() => DealKind)
  @IsEnum(DealKind)
  kind!: DealKind;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('needId')
  needId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @uuid('resultId')
  resultId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Brokers, without a need' })
  @IsOptional()
  @uuid('enterpriseId')
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Without a result (joint development)' })
  @IsOptional()
  @uuid('institutionId')
  institutionId?: string | null;

  @Field(() => [ID], {
    defaultValue: [],
    description: "Patents under licence: the result's own patents",
  })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'patentIds 必须是 UUID|patentIds must be UUIDs' })
  patentIds: string[] = [];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1_000, { message: '备注最多 1000 字|note must be at most 1,000 characters' })
  note?: string | null;
}
