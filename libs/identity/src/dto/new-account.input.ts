import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { normaliseEmail } from './credentials.input.js';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** The fields every new account needs, whoever creates it. */
@InputType('AccountInput')
export class NewAccountInput {
  @Field()
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field({ description: '10–128 characters, with at least one letter and one digit' })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  @Matches(/(?=.*\p{L})(?=.*\p{N})/u, {
    message: '密码须同时包含字母和数字|password must contain at least one letter and one digit',
  })
  password!: string;

  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @Matches(/^\+?[0-9][0-9 -]{5,30}$/, {
    message: '电话号码格式不正确|phone must be a phone number',
  })
  phone?: string | null;
}

@InputType()
export class CreateBrokerInput extends NewAccountInput {}
