import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { InstitutionKind, TransferMode } from '@techmatch/catalogue';
import { NotAbove } from '@techmatch/common';

// Codes go into Meilisearch filter expressions: only these shapes, so no input can change a filter.
const CODE = /^[A-Z0-9]{1,16}$/;
const DIVISION = /^\d{6}$/;

export enum ResultSearchSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  TRL_DESC = 'TRL_DESC',
  PRICE_ASC = 'PRICE_ASC',
}
registerEnumType(ResultSearchSort, {
  name: 'ResultSearchSort',
  description: '排序 / Order of hits; relevance orders the ties',
});

export enum NeedSearchSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  BUDGET_DESC = 'BUDGET_DESC',
}
registerEnumType(NeedSearchSort, {
  name: 'NeedSearchSort',
  description: '排序 / Order of hits; relevance orders the ties',
});

@InputType({ description: 'All given conditions must hold; a list matches any of its values' })
export class ResultSearchFilter {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Matches(CODE, { each: true, message: '领域代码格式不正确|fieldCodes must be field-tree codes' })
  @ArrayMaxSize(20)
  fieldCodes?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Matches(DIVISION, {
    each: true,
    message: '行政区划代码为6位数字|divisionCodes must be 6 digits',
  })
  @ArrayMaxSize(20)
  divisionCodes?: string[];

  @Field(() => [InstitutionKind], { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionKind, { each: true })
  institutionKinds?: InstitutionKind[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  @NotAbove('trlMax')
  trlMin?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trlMax?: number;

  @Field(() => [TransferMode], { nullable: true })
  @IsOptional()
  @IsEnum(TransferMode, { each: true })
  modes?: TransferMode[];

  @Field(() => Int, {
    nullable: true,
    description: 'Results whose asking price starts at or below this',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  maxPriceYuan?: number;
}

/** What every search takes: the words, and a page given by offset (ranked hits have no stable cursor). */
@ArgsType()
export class SearchPageArgs {
  @Field(() => String, {
    defaultValue: '',
    description: 'Words in Chinese or English; empty lists everything',
  })
  @IsString()
  // Long pastes are cut, not refused: only the first words matter to the engine anyway.
  @MaxLength(10_000)
  query: string = '';

  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  offset = 0;
}

@ArgsType()
export class SearchResultsArgs extends SearchPageArgs {
  @Field(() => ResultSearchFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResultSearchFilter)
  filter?: ResultSearchFilter;

  @Field(() => ResultSearchSort, { defaultValue: ResultSearchSort.RELEVANCE })
  @IsEnum(ResultSearchSort)
  sort?: ResultSearchSort = ResultSearchSort.RELEVANCE;
}

@InputType({ description: 'All given conditions must hold; a list matches any of its values' })
export class NeedSearchFilter {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Matches(CODE, { each: true, message: '领域代码格式不正确|fieldCodes must be field-tree codes' })
  @ArrayMaxSize(20)
  fieldCodes?: string[];

  @Field(() => [String], { nullable: true, description: "The enterprise's division" })
  @IsOptional()
  @Matches(DIVISION, {
    each: true,
    message: '行政区划代码为6位数字|divisionCodes must be 6 digits',
  })
  @ArrayMaxSize(20)
  divisionCodes?: string[];

  @Field(() => Int, { nullable: true, description: 'Needs that accept a result of this TRL' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number;

  @Field(() => [TransferMode], { nullable: true })
  @IsOptional()
  @IsEnum(TransferMode, { each: true })
  modes?: TransferMode[];
}

@ArgsType()
export class SearchNeedsArgs extends SearchPageArgs {
  @Field(() => NeedSearchFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NeedSearchFilter)
  filter?: NeedSearchFilter;

  @Field(() => NeedSearchSort, { defaultValue: NeedSearchSort.RELEVANCE })
  @IsEnum(NeedSearchSort)
  sort?: NeedSearchSort = NeedSearchSort.RELEVANCE;
}
