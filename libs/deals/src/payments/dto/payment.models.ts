import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { InstalmentKind, InstalmentStatus } from '../payment-enums.js';

/**
 * An instalment as read: its fixed facts with what the ledger says about it, summed in SQL at the
 * time of the query (and "today" from the Clock). Amounts are integer fen as decimal digits, like
 * offer amounts.
 */
@ObjectType('DealInstalment', { description: '分期应付款 / One instalment, with its ledger sums' })
export class DealInstalmentView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  dealId!: string;

  @Field(() => Int, { description: '1, 2, … within the deal' })
  sequence!: number;

  @Field(() => InstalmentKind)
  kind!: InstalmentKind;

  @Field({ description: 'Due date, YYYY-MM-DD (China time); overdue from the day after' })
  dueOn!: string;

  @Field({ description: 'Charged (CHARGE entries), fen' })
  amountFen!: string;

  @Field({ description: 'Paid (PAYMENT entries), fen' })
  paidFen!: string;

  @Field({ description: 'amountFen − paidFen' })
  outstandingFen!: string;

  @Field(() => InstalmentStatus)
  status!: InstalmentStatus;

  @Field({ description: 'Due date passed (business time) with something still outstanding' })
  overdue!: boolean;

  @Field(() => ID, { nullable: true, description: 'SCHEDULED: the agreed offer' })
  offerId!: string | null;

  @Field(() => ID, { nullable: true, description: 'ROYALTY: the sales report' })
  salesReportId!: string | null;
}

@ObjectType({
  description: '交易收支余额 / Money of a deal, summed from its ledger (fen, decimal digits)',
})
export class DealBalance {
  @Field({ description: 'Every instalment charged so far, due or not' })
  chargedFen!: string;

  @Field()
  paidFen!: string;

  @Field({ description: 'chargedFen − paidFen' })
  outstandingFen!: string;

  @Field({ description: 'Outstanding on instalments whose due date has passed' })
  overdueFen!: string;

  @Field({ description: 'The business date the sums are for, YYYY-MM-DD' })
  asOf!: string;
}
