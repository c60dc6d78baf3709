import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, ParseIdPipe, Public, RequestContext, Role, Roles } from '@techmatch/common';
import { AddPatentsInput, UpdatePatentInput } from '../results/dto/result.input.js';
import { Patent } from './patent.entity.js';
import { PatentsService } from './patents.service.js';

const MANAGERS = [Role.RESEARCHER, Role.BROKER, Role.ADMIN];

@Resolver(() => Patent)
export class PatentsResolver {
  constructor(private readonly patents: PatentsService) {}

  @Public()
  @Query(() => Patent, { description: 'A patent by id; visible when its result is' })
  patent(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Patent> {
    return this.patents.findVisible(ctx, id);
  }

  @Public()
  @Query(() => Patent, {
    description: '按专利号查询 / By number: 202310123456.6, ZL 2023 1 0123456.6 or CN114123456A',
  })
  patentByNumber(@Ctx() ctx: RequestContext, @Args('number') number: string): Promise<Patent> {
    return this.patents.findByNumber(ctx, number);
  }

  @Roles(...MANAGERS)
  @Mutation(() => [Patent], { description: "Adds patents to a result of the caller's institution" })
  addPatents(@Ctx() ctx: RequestContext, @Args('input') input: AddPatentsInput): Promise<Patent[]> {
    return this.patents.add(ctx, input);
  }

  @Roles(...MANAGERS)
  @Mutation(() => Patent, { description: 'Legal status, dates and open-licence declaration' })
  updatePatent(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdatePatentInput,
  ): Promise<Patent> {
    return this.patents.update(ctx, input);
  }
}
