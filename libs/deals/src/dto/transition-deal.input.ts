import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DealAction } from '../state/deal-transitions.js';

@InputType({ description: '推进交易状态 / Move a deal: the action, and the version you read' })
export class TransitionDealInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'dealId 必须是有效的 UUID|dealId must be a UUID' })
  dealId!: string;

  @Field(() => DealAction)
  @IsEnum(DealAction)
  action!: DealAction;

  @Field(() => Int)
  @IsInt()
  version!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1_000, { message: '备注最多 1000 字|note must be at most 1,000 characters' })
  note?: string | null;
}
