import { registerEnumType } from '@nestjs/graphql';

/** Where an instalment comes from: the agreed schedule of the fixed fee, or a sales report. */
export enum InstalmentKind {
  SCHEDULED = 'SCHEDULED',
  ROYALTY = 'ROYALTY',
}

/** CHARGE: an amount became owed (an instalment was created). PAYMENT: money was received. */
export enum LedgerEntryKind {
  CHARGE = 'CHARGE',
  PAYMENT = 'PAYMENT',
}

/** Derived from the ledger, never stored. */
export enum InstalmentStatus {
  UNPAID = 'UNPAID',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
}

registerEnumType(InstalmentKind, {
  name: 'InstalmentKind',
  description: 'SCHEDULED 约定付款计划, ROYALTY 按销售额提成',
});
registerEnumType(LedgerEntryKind, {
  name: 'LedgerEntryKind',
  description: 'CHARGE 应收, PAYMENT 实收',
});
registerEnumType(InstalmentStatus, {
  name: 'InstalmentStatus',
  description: 'UNPAID 未付, PARTIALLY_PAID 部分已付, PAID 已付清',
});
