import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotAbove, PageArgs } from '@techmatch/common';
import { InstitutionKind } from '../../institutions/institution-kind.js';
import { ResultStatus, TransferMode } from '../../shared/catalogue-enums.js';

@InputType({ description: 'All given conditions must hold; a list matches any of its values' })
export class ResultFilter {
  @Field(() => [String], { nullable: true, description: 'Field codes; 08 also finds 0802' })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  fieldCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Division of the institution' })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(20)
  divisionCodes?: string[];

  @Field(() => [InstitutionKind], { nullable: true })
  @IsOptional()
  @IsEnum(InstitutionKind, { each: true })
  institutionKinds?: InstitutionKind[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

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

  @Field(() => [TransferMode], { nullable: true, description: 'Offers at least one of these' })
  @IsOptional()
  @IsEnum(TransferMode, { each: true })
  modes?: TransferMode[];

  @Field(() => [ResultStatus], {
    nullable: true,
    description: 'Only brokers, admins and (in myResults) the owners see other than PUBLISHED',
  })
  @IsOptional()
  @IsEnum(ResultStatus, { each: true })
  statuses?: ResultStatus[];
}

@ArgsType()
export class ResultListArgs extends PageArgs {
  @Field(() => ResultFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResultFilter)
  filter?: ResultFilter;
}
