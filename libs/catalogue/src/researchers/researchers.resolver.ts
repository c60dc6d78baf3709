import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequestContext } from '@techmatch/common';
import { AuthPayload } from '@techmatch/identity';
import { RegisterResearcherInput } from './dto/register-researcher.input.js';
import { Researcher } from './researcher.entity.js';
import { ResearchersService } from './researchers.service.js';

@Resolver(() => Researcher)
export class ResearchersResolver {
  constructor(private readonly researchers: ResearchersService) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description: '科研人员自助注册 / A researcher registers at a listed institution',
  })
  registerResearcher(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RegisterResearcherInput,
  ): Promise<AuthPayload> {
    return this.researchers.register(ctx, input);
  }
}
