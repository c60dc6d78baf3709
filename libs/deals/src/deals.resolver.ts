import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, ParseIdPipe, RequestContext, Role, Roles } from '@techmatch/common';
import { DealListArgs } from './dto/deal-list.args.js';
import { DealConnection } from './dto/deal.models.js';
import { OpenDealInput } from './dto/open-deal.input.js';
import { TransitionDealInput } from './dto/transition-deal.input.js';
import { Deal } from './entities/deal.entity.js';
import { DealEvent } from './entities/deal-event.entity.js';
import { DealOffer } from './entities/deal-offer.entity.js';
import { AcceptOfferInput, ProposeOfferInput } from './offers/offer-terms.input.js';
import { DealOffersService } from './services/deal-offers.service.js';
import { DealsService } from './services/deals.service.js';

const PEOPLE = [Role.ENTERPRISE, Role.RESEARCHER, Role.BROKER, Role.ADMIN];

/** Deals over GraphQL. Who may do what to which deal is decided in the services (DealAccess). */
@Resolver(() => Deal)
export class DealsResolver {
  constructor(
    private readonly deals: DealsService,
    private readonly offers: DealOffersService,
  ) {}

  @Roles(...PEOPLE)
  @Query(() => DealConnection, {
    name: 'deals',
    description:
      '交易列表 / Deals: brokers all, enterprises their own, researchers their institution’s',
  })
  listDeals(@Ctx() ctx: RequestContext, @Args() args: DealListArgs): Promise<DealConnection> {
    return this.deals.list(ctx, args);
  }

  @Roles(...PEOPLE)
  @Query(() => Deal, { description: '交易详情 / One deal the caller takes part in' })
  deal(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Deal> {
    return this.deals.findVisible(ctx, id);
  }

  @Roles(...PEOPLE)
  @Query(() => [DealEvent], { description: '交易时间线 / The audit trail of a deal, in order' })
  dealTimeline(
    @Ctx() ctx: RequestContext,
    @Args('dealId', { type: () => ID }, ParseIdPipe) dealId: string,
  ): Promise<DealEvent[]> {
    return this.deals.timeline(ctx, dealId);
  }

  @Roles(Role.ENTERPRISE, Role.BROKER, Role.ADMIN)
  @Mutation(() => Deal, {
    description: '发起交易 / Open a deal (brokers; an enterprise on its own need)',
  })
  openDeal(@Ctx() ctx: RequestContext, @Args('input') input: OpenDealInput): Promise<Deal> {
    return this.deals.open(ctx, input);
  }

  @Roles(...PEOPLE)
  @Mutation(() => Deal, {
    description: '推进交易状态 / Make one lifecycle move, with the version read',
  })
  transitionDeal(
    @Ctx() ctx: RequestContext,
    @Args('input') input: TransitionDealInput,
  ): Promise<Deal> {
    return this.deals.transition(ctx, input);
  }

  @Roles(...PEOPLE)
  @Mutation(() => DealOffer, {
    description: '报价或还价 / Propose terms; supersedes the open offer',
  })
  proposeOffer(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ProposeOfferInput,
  ): Promise<DealOffer> {
    return this.offers.propose(ctx, input);
  }

  @Roles(Role.ENTERPRISE, Role.RESEARCHER)
  @Mutation(() => Deal, { description: '接受报价 / Accept the open offer (the parties only)' })
  acceptOffer(@Ctx() ctx: RequestContext, @Args('input') input: AcceptOfferInput): Promise<Deal> {
    return this.offers.accept(ctx, input);
  }

  @ResolveField(() => [ID], { description: 'Patents under licence' })
  patentIds(deal: Deal): Promise<string[]> {
    return this.deals.patentIdsOf(deal.id);
  }

  @ResolveField(() => [DealOffer], { description: 'Every offer, oldest first' })
  offerHistory(deal: Deal): Promise<DealOffer[]> {
    return this.deals.offersOf(deal.id);
  }
}

/** Before/after are free-form JSON; without a JSON scalar in the schema they travel as JSON text. */
@Resolver(() => DealEvent)
export class DealEventResolver {
  @ResolveField(() => String, { description: 'Changed fields before, as JSON' })
  before(event: DealEvent): string {
    return JSON.stringify(event.before);
  }

  @ResolveField(() => String, { description: 'Changed fields after, as JSON' })
  after(event: DealEvent): string {
    return JSON.stringify(event.after);
  }
}
