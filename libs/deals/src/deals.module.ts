import { MatchingModule } from '@techmatch/matching';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@techmatch/catalogue';
import { clockProvider, CLOCK } from '@techmatch/common';
import { NotificationsModule } from '@techmatch/notifications';
import { DealEventResolver, DealsResolver } from './deals.resolver.js';
import { Deal } from './entities/deal.entity.js';
import { DealEvent } from './entities/deal-event.entity.js';
import { DealOffer } from './entities/deal-offer.entity.js';
import { DealPatent } from './entities/deal-patent.entity.js';
import { DealEventFanout } from './live/deal-event-fanout.service.js';
import { DealSubscriptionsResolver } from './live/deal-subscriptions.resolver.js';
import { DealInstalment } from './payments/deal-instalment.entity.js';
import { DealLedger } from './payments/deal-ledger.service.js';
import { DealLedgerEntry } from './payments/deal-ledger-entry.entity.js';
import { DealPayment } from './payments/deal-payment.entity.js';
import { DealPaymentsService } from './payments/deal-payments.service.js';
import { DealSalesReport } from './payments/deal-sales-report.entity.js';
import { InstalmentSchedules } from './payments/instalment-schedules.service.js';
import {
  DealMoneyFieldsResolver,
  DealPaymentResolver,
  DealSalesReportResolver,
  PaymentsResolver,
} from './payments/payments.resolver.js';
import { DealAccess } from './services/deal-access.service.js';
import { DealChanges } from './services/deal-changes.service.js';
import { DealNotifier } from './services/deal-notifier.service.js';
import { DealOffersService } from './services/deal-offers.service.js';
import { DealsService } from './services/deals.service.js';
import { ExclusivityGuard } from './services/exclusivity-guard.service.js';
import { DealReminder } from './scheduler/deal-reminder.entity.js';
import { DealScheduler } from './scheduler/deal-scheduler.service.js';

/** Licensing deals: lifecycle, offers, exclusivity, the audit trail, payments and the ledger. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Deal,
      DealPatent,
      DealOffer,
      DealEvent,
      DealInstalment,
      DealSalesReport,
      DealPayment,
      DealLedgerEntry,
      DealReminder,
    ]),
    CatalogueModule,
    NotificationsModule,
    MatchingModule,
  ],
  providers: [
    clockProvider,
    DealAccess,
    DealChanges,
    DealNotifier,
    ExclusivityGuard,
    DealsService,
    DealOffersService,
    DealsResolver,
    DealEventResolver,
    DealScheduler,
    DealEventFanout,
    DealSubscriptionsResolver,
    DealLedger,
    InstalmentSchedules,
    DealPaymentsService,
    PaymentsResolver,
    DealMoneyFieldsResolver,
    DealPaymentResolver,
    DealSalesReportResolver,
  ],
  exports: [DealsService, DealOffersService, DealPaymentsService, CLOCK],
})
export class DealsModule {}
