import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NotAbove } from '@techmatch/common';
import {
  PatentKind,
  PatentLegalStatus,
  ResultLevel,
  ResultStage,
  TransferMode,
} from '../../shared/catalogue-enums.js';
import { LIMITS, Trim, TrimEach } from '../../shared/input-helpers.js';
import { IsPatentNumber } from '../../validation/catalogue-validators.js';
import { UPDATE_INPUT } from '../../shared/update-inputs.js';

@InputType()
export class PatentInput {
  @Field({ description: 'CN application (202310123456.6), publication (CN114123456A) or ZL form' })
  @IsPatentNumber()
  number!: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.title)
  title!: string;

  @Field(() => PatentKind)
  @IsEnum(PatentKind)
  kind!: PatentKind;

  @Field(() => PatentLegalStatus)
  @IsEnum(PatentLegalStatus)
  legalStatus!: PatentLegalStatus;

  @Field(() => [String], { defaultValue: [] })
  @TrimEach()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMaxSize(10)
  owners!: string[];

  @Field({ defaultValue: false })
  @IsBoolean()
  openLicence!: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.yuan)
  openLicenceFeeYuan?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD|dates must be YYYY-MM-DD' })
  filedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD|dates must be YYYY-MM-DD' })
  grantedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD|dates must be YYYY-MM-DD' })
  expiresOn?: string | null;
}

@InputType({ description: 'Changes to a patent: its legal status moves on, licences are declared' })
export class UpdatePatentInput extends PartialType(
  OmitType(PatentInput, ['number', 'kind'] as const, InputType),
  UPDATE_INPUT,
) {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType()
export class AddPatentsInput {
  @Field(() => ID)
  @IsUUID()
  resultId!: string;

  @Field(() => [PatentInput])
  @ValidateNested({ each: true })
  @Type(() => PatentInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  patents!: PatentInput[];
}

@InputType()
export class CreateResultInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Brokers and admins name the institution; a researcher’s own is used otherwise',
  })
  @IsOptional()
  @IsUUID()
  institutionId?: string | null;

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
  summary!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.confidentialDetail)
  confidentialDetail?: string | null;

  @Field(() => [String], { description: 'Field-tree codes, e.g. 0802' })
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

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(9)
  trl!: number;

  @Field(() => ResultStage)
  @IsEnum(ResultStage)
  stage!: ResultStage;

  @Field(() => ResultLevel, { defaultValue: ResultLevel.NOT_EVALUATED })
  @IsEnum(ResultLevel)
  level!: ResultLevel;

  @Field(() => [TransferMode])
  @IsEnum(TransferMode, { each: true })
  @ArrayMinSize(1)
  modes!: TransferMode[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.yuan)
  @NotAbove('priceMaxYuan')
  priceMinYuan?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(LIMITS.yuan)
  priceMaxYuan?: number | null;

  @Field({ defaultValue: true })
  @IsBoolean()
  serviceInvention!: boolean;

  @Field(() => [PatentInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => PatentInput)
  @ArrayMaxSize(50)
  patents!: PatentInput[];
}

@InputType()
export class UpdateResultInput extends PartialType(
  OmitType(CreateResultInput, ['institutionId', 'patents'] as const, InputType),
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
