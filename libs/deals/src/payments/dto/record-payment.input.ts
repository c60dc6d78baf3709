import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from './calendar-date.validators.js';

/** A positive whole number of fen: a payment of nothing is not a payment. */
const POSITIVE_FEN = /^[1-9]\d{0,15}$/;

@InputType({
  description:
    '登记付款 / Record money received against an instalment. Send a fresh idempotencyKey per payment and the same one when retrying it.',
})
export class RecordPaymentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'instalmentId 必须是有效的 UUID|instalmentId must be a UUID' })
  instalmentId!: string;

  @Field({ description: 'Integer fen (分), at most what the instalment still owes' })
  @IsString()
  @Matches(POSITIVE_FEN, {
    message:
      'amountFen 必须是以分为单位的正整数（数字字符串）|amountFen must be a positive whole number of fen, as a string of digits',
  })
  amountFen!: string;

  @Field({
    description:
      'Chosen by the client, 8–100 characters of A–Z a–z 0–9 . _ : -; the same key returns the first result',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, {
    message:
      'idempotencyKey 须为 8–100 个字母、数字或 . _ : - 字符|idempotencyKey must be 8–100 of A–Z, a–z, 0–9, . _ : -',
  })
  idempotencyKey!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When the money arrived, YYYY-MM-DD; today by default',
  })
  @IsOptional()
  @IsCalendarDate()
  paidOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Bank or voucher reference' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'reference 最多 100 字|reference must be at most 100 characters' })
  reference?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1_000, { message: '备注最多 1000 字|note must be at most 1,000 characters' })
  note?: string | null;
}
