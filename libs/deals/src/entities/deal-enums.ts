import { registerEnumType } from '@nestjs/graphql';

export enum DealKind {
  TRIAL_FIRST_LICENSE = 'TRIAL_FIRST_LICENSE',
  LICENSE = 'LICENSE',
  TRANSFER = 'TRANSFER',
  JOINT_DEVELOPMENT = 'JOINT_DEVELOPMENT',
}

/** The lifecycle in DESIGN.md; the moves between states are in state/deal-transitions.ts. */
export enum DealState {
  PROPOSED = 'PROPOSED',
  NEGOTIATING = 'NEGOTIATING',
  TRIAL_ACTIVE = 'TRIAL_ACTIVE',
  CONVERSION_DUE = 'CONVERSION_DUE',
  CONVERTED = 'CONVERTED',
  RETURNED = 'RETURNED',
  EXPIRED = 'EXPIRED',
  LICENSED = 'LICENSED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Who takes part in a deal, and so who may make which move. SYSTEM is the scheduler, never a caller. */
export enum DealSide {
  BROKER = 'BROKER',
  ENTERPRISE = 'ENTERPRISE',
  INSTITUTION = 'INSTITUTION',
  SYSTEM = 'SYSTEM',
}

export enum FeeModel {
  LUMP_SUM = 'LUMP_SUM',
  ROYALTY = 'ROYALTY',
  ENTRY_PLUS_ROYALTY = 'ENTRY_PLUS_ROYALTY',
}

export enum RoyaltyBase {
  NET_SALES = 'NET_SALES',
}

/** 独占 (only the licensee), 排他 (licensee and licensor), 普通 (anyone the licensor chooses). */
export enum Exclusivity {
  EXCLUSIVE = 'EXCLUSIVE',
  SOLE = 'SOLE',
  NON_EXCLUSIVE = 'NON_EXCLUSIVE',
}

export enum OfferStatus {
  OPEN = 'OPEN',
  SUPERSEDED = 'SUPERSEDED',
  ACCEPTED = 'ACCEPTED',
}

export enum DealEventType {
  OPENED = 'OPENED',
  OFFER_PROPOSED = 'OFFER_PROPOSED',
  /** One party accepted; the other still has to (an offer made by the broker needs both). */
  OFFER_ACCEPTED = 'OFFER_ACCEPTED',
  /** Both parties have accepted: the offer became the deal's terms and the deal moved on. */
  TERMS_AGREED = 'TERMS_AGREED',
  TRANSITIONED = 'TRANSITIONED',
  /** The enterprise (or the broker for it) reported a period's net sales; its royalty was charged. */
  SALES_REPORTED = 'SALES_REPORTED',
  /** A broker recorded money received against an instalment. */
  PAYMENT_RECORDED = 'PAYMENT_RECORDED',
}

registerEnumType(DealKind, {
  name: 'DealKind',
  description: '先试用后付费许可 / 许可 / 转让 / 合作开发',
});
registerEnumType(DealState, { name: 'DealState', description: 'See CONTRIBUTING.md "Deals"' });
registerEnumType(DealSide, {
  name: 'DealSide',
  description: 'BROKER 技术经纪人, ENTERPRISE 企业, INSTITUTION 成果方科研人员, SYSTEM 系统调度',
});
registerEnumType(FeeModel, { name: 'FeeModel', description: '一次性 / 提成 / 入门费加提成' });
registerEnumType(RoyaltyBase, { name: 'RoyaltyBase', description: 'NET_SALES 净销售额' });
registerEnumType(Exclusivity, { name: 'Exclusivity', description: '独占 / 排他 / 普通许可' });
registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(DealEventType, { name: 'DealEventType' });
