import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Exclusivity, FeeModel, RoyaltyBase } from '../entities/deal-enums.js';

/** Integer fen as decimal digits: 0, or no leading zero, up to 10^16 fen (10^14 yuan). */
const FEN = /^(0|[1-9]\d{0,15})$/;
const fenMessage = (field: string): string =>
  `${field} 必须是以分为单位的非负整数（数字字符串）|${field} must be a whole number of fen, as a string of digits`;

const hasRoyalty = (o: OfferTermsInput): boolean =>
  o.feeModel === FeeModel.ROYALTY || o.feeModel === FeeModel.ENTRY_PLUS_ROYALTY;

@InputType({
  description:
    '付款计划中的一期 / One instalment: amount due so many days after the licence starts',
})
export class ScheduledPaymentInput {
  @Field(() => Int)
  @IsInt()
  @Min(0, { message: 'dueInDays 不能为负数|dueInDays must not be negative' })
  @Max(3650, { message: 'dueInDays 最多 3650 天|dueInDays must be at most 3650' })
  dueInDays!: number;

  @Field({ description: 'Integer fen (分)' })
  @IsString()
  @Matches(FEN, { message: fenMessage('amountFen') })
  amountFen!: string;
}

/**
 * The terms of an offer. What each fee model needs is checked here (class-validator); what depends
 * on the deal (its kind) or on several fields at once is in `offerTermProblems`.
 */
@InputType({ description: '交易条款 / The terms of an offer' })
export class OfferTermsInput {
  @Field(() => FeeModel)
  @IsEnum(FeeModel)
  feeModel!: FeeModel;

  @Field(() => String, { nullable: true, description: 'LUMP_SUM: the whole fee, integer fen' })
  @ValidateIf((o: OfferTermsInput) => o.feeModel === FeeModel.LUMP_SUM || o.lumpSumFen != null)
  @IsDefined({ message: '一次性付费须填写金额 lumpSumFen|LUMP_SUM needs lumpSumFen' })
  @Matches(FEN, { message: fenMessage('lumpSumFen') })
  lumpSumFen?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ENTRY_PLUS_ROYALTY: entry fee, integer fen',
  })
  @ValidateIf(
    (o: OfferTermsInput) => o.feeModel === FeeModel.ENTRY_PLUS_ROYALTY || o.entryFeeFen != null,
  )
  @IsDefined({
    message: '入门费加提成须填写入门费 entryFeeFen|ENTRY_PLUS_ROYALTY needs entryFeeFen',
  })
  @Matches(FEN, { message: fenMessage('entryFeeFen') })
  entryFeeFen?: string | null;

  @Field(() => Int, { nullable: true, description: 'Royalty rate, basis points (1–10000)' })
  @ValidateIf((o: OfferTermsInput) => hasRoyalty(o) || o.royaltyRateBp != null)
  @IsDefined({ message: '提成方式须填写提成比例 royaltyRateBp|ROYALTY needs royaltyRateBp' })
  @IsInt()
  @Min(1, { message: 'royaltyRateBp 至少为 1（0.01%）|royaltyRateBp must be at least 1 (0.01%)' })
  @Max(10_000, { message: 'royaltyRateBp 最多 10000（100%）|royaltyRateBp must be at most 10000' })
  royaltyRateBp?: number | null;

  @Field(() => RoyaltyBase, { nullable: true, description: 'Defaults to NET_SALES with a royalty' })
  @IsOptional()
  @IsEnum(RoyaltyBase)
  royaltyBase?: RoyaltyBase | null;

  @Field(() => Int, { nullable: true, description: 'Free trial, days (TRIAL_FIRST_LICENSE)' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'trialDays 至少 1 天|trialDays must be at least 1' })
  @Max(1095, { message: 'trialDays 最多 1095 天（三年）|trialDays must be at most 1095 (3 years)' })
  trialDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days to decide after the trial (default 30)' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'conversionGraceDays 不能为负数|conversionGraceDays must not be negative' })
  @Max(365, { message: 'conversionGraceDays 最多 365 天|conversionGraceDays must be at most 365' })
  conversionGraceDays?: number | null;

  @Field(() => Exclusivity)
  @IsEnum(Exclusivity)
  exclusivity!: Exclusivity;

  @Field(() => [String], { nullable: true, description: 'Division codes; none: everywhere' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^\d{2,12}$/, {
    each: true,
    message: 'territoryCodes 须为行政区划代码|territoryCodes must be division codes (digits)',
  })
  territoryCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  territoryNote?: string | null;

  @Field(() => [ScheduledPaymentInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => ScheduledPaymentInput)
  paymentSchedule?: ScheduledPaymentInput[] | null;
}

@InputType({ description: '提出报价或还价 / Propose (or counter) an offer' })
export class ProposeOfferInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'dealId 必须是有效的 UUID|dealId must be a UUID' })
  dealId!: string;

  @Field(() => Int, { description: 'The deal version you read' })
  @IsInt()
  version!: number;

  @Field(() => OfferTermsInput)
  @ValidateNested()
  @Type(() => OfferTermsInput)
  terms!: OfferTermsInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1_000, { message: '备注最多 1000 字|note must be at most 1,000 characters' })
  note?: string | null;
}

@InputType({ description: '接受报价 / Accept the open offer' })
export class AcceptOfferInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'offerId 必须是有效的 UUID|offerId must be a UUID' })
  offerId!: string;

  @Field(() => Int, { description: 'The deal version you read' })
  @IsInt()
  version!: number;
}
