import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { NewAccountInput } from '@techmatch/identity';
import { Trim } from '../../shared/input-helpers.js';

@InputType({ description: 'Self-registration of a researcher at a listed institution' })
export class RegisterResearcherInput {
  @Field(() => NewAccountInput)
  @ValidateNested()
  @Type(() => NewAccountInput)
  account!: NewAccountInput;

  @Field(() => ID)
  @IsUUID()
  institutionId!: string;

  @Field(() => String, { nullable: true, description: '职称, e.g. 教授' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  title?: string | null;
}
