import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from './calendar-date.validators.js';

/** Integer fen as decimal digits: 0, or no leading zero, up to 10^16 fen (as offer amounts). */
export const FEN = /^(0|[1-9]\d{0,15})$/;

@InputType({
  description:
    '报告销售额 / Net sales for one period (e.g. a quarter); the royalty is computed from the agreed rate',
})
export class ReportSalesInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'dealId 必须是有效的 UUID|dealId must be a UUID' })
  dealId!: string;

  @Field({ description: 'First day of the period, YYYY-MM-DD' })
  @IsCalendarDate()
  periodStart!: string;

  @Field({ description: 'Last day of the period, YYYY-MM-DD; the period must have ended' })
  @IsCalendarDate()
  periodEnd!: string;

  @Field({ description: 'Net sales of the period, integer fen (分)' })
  @IsString()
  @Matches(FEN, {
    message:
      'netSalesFen 必须是以分为单位的非负整数（数字字符串）|netSalesFen must be a whole number of fen, as a string of digits',
  })
  netSalesFen!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1_000, { message: '备注最多 1000 字|note must be at most 1,000 characters' })
  note?: string | null;
}
