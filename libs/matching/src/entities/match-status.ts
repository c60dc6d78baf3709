import { registerEnumType } from '@nestjs/graphql';

/** Where a broker (or the enterprise) has taken a suggested pair. */
export enum MatchStatus {
  SUGGESTED = 'SUGGESTED',
  SHORTLISTED = 'SHORTLISTED',
  DISMISSED = 'DISMISSED',
  CONTACTED = 'CONTACTED',
  IN_DEAL = 'IN_DEAL',
}

registerEnumType(MatchStatus, {
  name: 'MatchStatus',
  description: '推荐 / 入围 / 不合适 / 已联系 / 已进入交易',
});

export enum MatchFactorKind {
  TEXT = 'TEXT',
  FIELD = 'FIELD',
  TRL = 'TRL',
  PRICE = 'PRICE',
  MODE = 'MODE',
  GEOGRAPHY = 'GEOGRAPHY',
}

registerEnumType(MatchFactorKind, {
  name: 'MatchFactorKind',
  description:
    'text relevance, field fit, TRL fit, price vs budget, cooperation mode, 市研县产 geography',
});
