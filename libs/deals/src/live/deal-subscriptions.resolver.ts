import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Ctx, ParseIdPipe, RequestContext, Role, Roles } from '@techmatch/common';
import { DealEvent } from '../entities/deal-event.entity.js';
import { DealEventFanout } from './deal-event-fanout.service.js';

/** Deal events over graphql-ws; who may follow which deal is decided in DealEventFanout.follow. */
@Resolver()
export class DealSubscriptionsResolver {
  constructor(private readonly live: DealEventFanout) {}

  @Roles(Role.ENTERPRISE, Role.RESEARCHER, Role.BROKER, Role.ADMIN)
  @Subscription(() => DealEvent, {
    description:
      '交易实时事件（graphql-ws，connectionParams: { authorization: "Bearer <token>" }） / ' +
      "A deal's new timeline entries as they are committed, for the deal's parties",
    resolve: (event: DealEvent) => event,
  })
  dealEventAdded(
    @Ctx() ctx: RequestContext,
    @Args('dealId', { type: () => ID }, ParseIdPipe) dealId: string,
  ): Promise<AsyncIterableIterator<DealEvent>> {
    return this.live.follow(ctx, dealId);
  }
}
