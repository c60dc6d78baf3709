import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsFutureDate, NotAbove } from '@techmatch/common';
import { TransferMode } from '../../shared/catalogue-enums.js';
import { LIMITS, Trim, TrimEach } from '../../shared/input-helpers.js';
import { UPDATE_INPUT } from '../../shared/update-inputs.js';

@InputType()
export class CreateNeedInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Brokers and admins name the enterprise; an enterprise user’s own is used otherwise',
  })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;

  @Field()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(LIMITS.title)
  title!: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(10)
  @MaxLength(LIMITS.summary)
  description!: string;

  @Field({ description: '需要解决的技术难题' })
  @Trim()
  @IsString()
  @MinLength(5)
  @MaxLength(LIMITS.summary)
  problem!: string;

  @Field(() => [String], { description: 'Field-tree codes, e.g. 0805' })
  @TrimEach()
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.fieldCodes)
  fieldCodes!: string[];

  @Field(() => [String], { defaultValue: [] })
  @TrimEach()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(LIMITS.keyword, { each: true })
  @ArrayMaxSize(LIMITS.keywords)
  keywords!: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  minTrl?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.yuan)
  @NotAbove('budgetMaxYuan')
  budgetMinYuan?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.yuan)
  budgetMaxYuan?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, after today' })
  @IsOptional()
  @IsFutureDate()
  deadline?: string | null;

  @Field(() => [TransferMode])
  @IsEnum(TransferMode, { each: true })
  @ArrayMinSize(1)
  modes!: TransferMode[];
}

@InputType()
export class UpdateNeedInput extends PartialType(
  OmitType(CreateNeedInput, ['enterpriseId'] as const, InputType),
  UPDATE_INPUT,
) {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT' })
  @IsInt()
  @Min(1)
  version!: number;
}
