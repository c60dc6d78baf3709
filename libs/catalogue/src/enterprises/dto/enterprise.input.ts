import { Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NewAccountInput } from '@techmatch/identity';
import { CultivationTier, EnterpriseQualification } from '../../shared/catalogue-enums.js';
import { Trim } from '../../shared/input-helpers.js';
import { IsUscc } from '../../validation/catalogue-validators.js';
import { normaliseUscc } from '../../validation/uscc.js';
import { UPDATE_INPUT } from '../../shared/update-inputs.js';

@InputType()
export class EnterpriseInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @Field({ description: '统一社会信用代码, 18 characters' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseUscc(value) : value,
  )
  @IsUscc()
  uscc!: string;

  @Field({ description: 'Luoyang division code, e.g. 410329' })
  @IsString()
  @Matches(/^\d{6}$/, { message: '行政区划代码为6位数字|divisionCode must be 6 digits' })
  divisionCode!: string;

  @Field({ description: 'GB/T 4754-2017 大类 code, e.g. 34' })
  @IsString()
  @Matches(/^\d{2}$/, {
    message:
      '行业代码为2位数字（GB/T 4754 大类）|industryCode must be a 2-digit GB/T 4754 division',
  })
  industryCode!: string;

  @Field(() => [EnterpriseQualification], { defaultValue: [] })
  @IsEnum(EnterpriseQualification, { each: true })
  qualifications!: EnterpriseQualification[];

  @Field(() => CultivationTier, { nullable: true })
  @IsOptional()
  @IsEnum(CultivationTier)
  cultivationTier?: CultivationTier | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  contactName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @Matches(/^\+?[0-9][0-9 -]{5,30}$/, {
    message: '电话号码格式不正确|contactPhone must be a phone number',
  })
  contactPhone?: string | null;
}

@InputType({ description: 'Self-registration of an enterprise together with its first user' })
export class RegisterEnterpriseInput {
  @Field(() => NewAccountInput)
  @ValidateNested()
  @Type(() => NewAccountInput)
  account!: NewAccountInput;

  @Field(() => EnterpriseInput)
  @ValidateNested()
  @Type(() => EnterpriseInput)
  enterprise!: EnterpriseInput;
}

@InputType()
export class UpdateEnterpriseInput extends PartialType(
  OmitType(EnterpriseInput, ['uscc'] as const, InputType),
  UPDATE_INPUT,
) {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}
