import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { PageArgs } from '@techmatch/common';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { NeedStatus, TransferMode } from '../../shared/catalogue-enums.js';

@InputType({ description: 'All given conditions must hold; a list matches any of its values' })
export class NeedFilter {
  @Field(() => [String], { nullable: true, description: 'Field codes; 08 also finds 0802' })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  fieldCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Division of the enterprise' })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  divisionCodes?: string[];

  @Field(() => Int, { nullable: true, description: 'Needs that accept this TRL' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number;

  @Field(() => [TransferMode], { nullable: true, description: 'Wants at least one of these' })
  @IsOptional()
  @IsEnum(TransferMode, { each: true })
  modes?: TransferMode[];

  @Field(() => [NeedStatus], {
    nullable: true,
    description: 'Only brokers, admins and (in myNeeds) the enterprise see DRAFT and CLOSED',
  })
  @IsOptional()
  @IsEnum(NeedStatus, { each: true })
  statuses?: NeedStatus[];
}

@ArgsType()
export class NeedListArgs extends PageArgs {
  @Field(() => NeedFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NeedFilter)
  filter?: NeedFilter;
}
