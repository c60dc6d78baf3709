import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Ctx,
  fieldContext,
  type GraphQLContext,
  type NoArgs,
  ParseIdPipe,
  RequestContext,
  Role,
  Roles,
} from '@techmatch/common';
import { Deal } from '../entities/deal.entity.js';
import { DealLedgerEntry } from './deal-ledger-entry.entity.js';
import { DealPayment } from './deal-payment.entity.js';
import { DealPaymentsService } from './deal-payments.service.js';
import { DealSalesReport } from './deal-sales-report.entity.js';
import { InstalmentFilter } from './dto/instalment-filter.input.js';
import { DealBalance, DealInstalmentView } from './dto/payment.models.js';
import { RecordPaymentInput } from './dto/record-payment.input.js';
import { ReportSalesInput } from './dto/report-sales.input.js';

const PEOPLE = [Role.ENTERPRISE, Role.RESEARCHER, Role.BROKER, Role.ADMIN];

/** Sales reports, payments and the ledger over GraphQL; DealPaymentsService decides who may. */
@Resolver()
export class PaymentsResolver {
  constructor(private readonly payments: DealPaymentsService) {}

  @Roles(...PEOPLE)
  @Mutation(() => DealSalesReport, {
    description:
      '报告销售额 / Report a period’s net sales (the enterprise, or a broker for it); charges the royalty',
  })
  reportSales(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ReportSalesInput,
  ): Promise<DealSalesReport> {
    return this.payments.reportSales(ctx, input);
  }

  @Roles(...PEOPLE)
  @Mutation(() => DealPayment, {
    description:
      '登记付款 / Record money received (brokers); once per idempotency key, the same key returns the first result',
  })
  recordPayment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RecordPaymentInput,
  ): Promise<DealPayment> {
    return this.payments.recordPayment(ctx, input);
  }

  @Roles(...PEOPLE)
  @Query(() => [DealLedgerEntry], { description: '交易台账 / A deal’s ledger entries, in order' })
  dealLedger(
    @Ctx() ctx: RequestContext,
    @Args('dealId', { type: () => ID }, ParseIdPipe) dealId: string,
  ): Promise<DealLedgerEntry[]> {
    return this.payments.ledgerOf(ctx, dealId);
  }
}

/** The money fields of a deal; the deal itself was read, and its access checked, by its parent. */
@Resolver(() => Deal)
export class DealMoneyFieldsResolver {
  constructor(private readonly payments: DealPaymentsService) {}

  @ResolveField(() => [DealInstalmentView], {
    description: 'Instalments by due date, with their ledger sums and overdue flag',
  })
  instalments(
    @Parent() deal: Deal,
    // Optional, not `| null`: a union is emitted as Object, and the validation pipe skips Objects.
    @Args('filter', { type: () => InstalmentFilter, nullable: true })
    filter?: InstalmentFilter,
  ): Promise<DealInstalmentView[]> {
    return this.payments.instalmentsOf(deal, filter ?? null);
  }

  @ResolveField(() => DealBalance, { description: 'Charged, paid, outstanding, overdue' })
  balance(deal: Deal, _args: NoArgs, context: GraphQLContext): Promise<DealBalance> {
    return this.payments.balanceOf(fieldContext(context), deal);
  }

  @ResolveField(() => [DealSalesReport], { description: 'Sales reports by period' })
  salesReports(deal: Deal): Promise<DealSalesReport[]> {
    return this.payments.salesReportsOf(deal);
  }
}

@Resolver(() => DealPayment)
export class DealPaymentResolver {
  constructor(private readonly payments: DealPaymentsService) {}

  @ResolveField(() => DealInstalmentView, { description: 'The instalment, as it stands now' })
  instalment(payment: DealPayment): Promise<DealInstalmentView | null> {
    return this.payments.instalment(payment.instalmentId);
  }
}

@Resolver(() => DealSalesReport)
export class DealSalesReportResolver {
  constructor(private readonly payments: DealPaymentsService) {}

  @ResolveField(() => DealInstalmentView, {
    nullable: true,
    description: 'The royalty instalment; none when the royalty is 0 fen',
  })
  instalment(report: DealSalesReport): Promise<DealInstalmentView | null> {
    return this.payments.instalmentOfReport(report);
  }
}
