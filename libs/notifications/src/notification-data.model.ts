import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

/**
 * What a notification is about, stored as jsonb so that a new kind needs no migration. Every field is
 * optional: each kind fills the ones it needs (MATCH_SUGGESTED: needId, resultId, matchId, score;
 * DEAL_UPDATED: dealId, needId, resultId; DEAL_TRIAL_ENDING: dealId, daysBefore, trialEndsAt).
 */
@ObjectType({ description: '通知关联的对象 / What the notification refers to' })
export class NotificationData {
  @Field(() => ID, { nullable: true })
  needId?: string;

  @Field(() => ID, { nullable: true })
  resultId?: string;

  @Field(() => ID, { nullable: true })
  matchId?: string;

  @Field(() => Float, { nullable: true, description: 'Match score, 0–1' })
  score?: number;

  @Field(() => ID, { nullable: true })
  dealId?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'DEAL_TRIAL_ENDING: the reminder, in days before the trial ends',
  })
  daysBefore?: number;

  @Field(() => String, {
    nullable: true,
    description: 'DEAL_TRIAL_ENDING: when the trial ends (ISO 8601)',
  })
  trialEndsAt?: string;
}
