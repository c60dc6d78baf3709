import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { PageArgs } from '@techmatch/common';
import { DealKind, DealState } from '../entities/deal-enums.js';

@InputType({ description: '交易筛选 / Deal filter; every part is optional' })
export class DealFilter {
  @Field(() => [DealState], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(9)
  @IsEnum(DealState, { each: true })
  states?: DealState[] | null;

  @Field(() => [DealKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(DealKind, { each: true })
  kinds?: DealKind[] | null;

  @Field(() => String, { nullable: true, description: "The enterprise's division (county)" })
  @IsOptional()
  @Matches(/^\d{6}$/, {
    message: 'divisionCode 须为 6 位行政区划代码|divisionCode must be 6 digits',
  })
  divisionCode?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId 必须是有效的 UUID|institutionId must be a UUID' })
  institutionId?: string | null;
}

@ArgsType()
export class DealListArgs extends PageArgs {
  @Field(() => DealFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DealFilter)
  filter?: DealFilter | null;
}
