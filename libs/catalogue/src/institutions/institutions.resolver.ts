import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Ctx, ParseIdPipe, Public, RequestContext } from '@techmatch/common';
import { Institution } from './institution.entity.js';
import { InstitutionsService } from './institutions.service.js';

@Public()
@Resolver(() => Institution)
export class InstitutionsResolver {
  constructor(private readonly service: InstitutionsService) {}

  @Query(() => [Institution], { description: '全部科研机构 / All institutions, by Chinese name' })
  institutions(@Ctx() ctx: RequestContext): Promise<Institution[]> {
    return this.service.list(ctx);
  }

  @Query(() => Institution)
  institution(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Institution> {
    return this.service.findById(ctx, id);
  }
}
