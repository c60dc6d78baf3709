import { registerEnumType } from '@nestjs/graphql';

/** Why a notification was sent. Clients switch on it (icon, link target); never rename a value. */
export enum NotificationKind {
  /** A new match above the notification threshold for a need (data: needId, resultId, matchId, score). */
  MATCH_SUGGESTED = 'MATCH_SUGGESTED',
  /** A deal the recipient takes part in changed (data: dealId, state, event, needId?, resultId?). */
  DEAL_UPDATED = 'DEAL_UPDATED',
  /** A trial the recipient's enterprise runs (or the recipient brokers) ends soon (data: dealId, daysBefore, trialEndsAt). */
  DEAL_TRIAL_ENDING = 'DEAL_TRIAL_ENDING',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'MATCH_SUGGESTED 新的推荐匹配, DEAL_UPDATED 交易有新进展, DEAL_TRIAL_ENDING 试用期即将结束',
});
