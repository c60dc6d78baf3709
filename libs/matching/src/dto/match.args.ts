import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageArgs } from '@techmatch/common';
import { MatchStatus } from '../entities/match-status.js';

@ArgsType()
export class MatchPageArgs extends PageArgs {
  @Field(() => [MatchStatus], {
    nullable: true,
    description: 'Only these statuses; by default every status but DISMISSED',
  })
  @IsOptional()
  @IsEnum(MatchStatus, { each: true })
  @ArrayMaxSize(5)
  statuses?: MatchStatus[];
}

@ArgsType()
export class MatchesForNeedArgs extends MatchPageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'needId 必须是有效的 UUID|needId must be a UUID' })
  needId!: string;
}

@ArgsType()
export class MatchesForResultArgs extends MatchPageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'resultId 必须是有效的 UUID|resultId must be a UUID' })
  resultId!: string;
}

@InputType({ description: '更改匹配状态 / Move a match to another status, with a note' })
export class SetMatchStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'matchId 必须是有效的 UUID|matchId must be a UUID' })
  matchId!: string;

  @Field(() => MatchStatus)
  @IsEnum(MatchStatus)
  status!: MatchStatus;

  @Field(() => String, { nullable: true, description: 'Why, for the record (≤ 1,000 characters)' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000, { message: '备注最多 1000 字|note must be at most 1,000 characters' })
  note?: string | null;
}
