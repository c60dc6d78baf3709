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
import { DealAccess } from './services/deal-access.service.js';
import { DealChanges } from './services/deal-changes.service.js';
import { DealNotifier } from './services/deal-notifier.service.js';
import { DealOffersService } from './services/deal-offers.service.js';
import { DealsService } from './services/deals.service.js';
import { ExclusivityGuard } from './services/exclusivity-guard.service.js';

/** Licensing deals: lifecycle, offers, exclusivity and the audit trail. Payments come later. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Deal, DealPatent, DealOffer, DealEvent]),
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
  ],
  exports: [DealsService, DealOffersService, CLOCK],
})
export class DealsModule {}
