import { Field, ID, InputType, PartialType } from '@nestjs/graphql';
import {
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Trim } from '../../shared/input-helpers.js';
import { InstitutionKind } from '../institution-kind.js';

@InputType()
export class InstitutionInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  nameZh!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  nameEn?: string | null;

  @Field(() => InstitutionKind)
  @IsEnum(InstitutionKind)
  kind!: InstitutionKind;

  @Field({ description: 'Luoyang division code, e.g. 410311' })
  @Matches(/^\d{6}$/, { message: '行政区划代码为6位数字|divisionCode must be 6 digits' })
  divisionCode!: string;

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

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string | null;
}

@InputType()
export class UpdateInstitutionInput extends PartialType(InstitutionInput, InputType) {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
