import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Ctx,
  fieldContext,
  type GraphQLContext,
  type NoArgs,
  ParseIdPipe,
  Public,
  RequestContext,
  Role,
  Roles,
} from '@techmatch/common';
import { CatalogueLoaders } from '../shared/catalogue-loaders.js';
import { Division } from '../taxonomies/division.entity.js';
import { InstitutionInput, UpdateInstitutionInput } from './dto/institution.input.js';
import { Institution } from './institution.entity.js';
import { InstitutionsService } from './institutions.service.js';

@Resolver(() => Institution)
export class InstitutionsResolver {
  constructor(
    private readonly service: InstitutionsService,
    private readonly loaders: CatalogueLoaders,
  ) {}

  @Public()
  @Query(() => [Institution], { description: '全部科研机构 / All institutions, by Chinese name' })
  institutions(@Ctx() ctx: RequestContext): Promise<Institution[]> {
    return this.service.list(ctx);
  }

  @Public()
  @Query(() => Institution)
  institution(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Institution> {
    return this.service.findById(ctx, id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Institution, {
    description: '管理员登记机构 / An admin registers an institution',
  })
  createInstitution(
    @Ctx() ctx: RequestContext,
    @Args('input') input: InstitutionInput,
  ): Promise<Institution> {
    return this.service.create(ctx, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => Institution)
  updateInstitution(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateInstitutionInput,
  ): Promise<Institution> {
    return this.service.update(ctx, input);
  }

  @ResolveField(() => Division)
  division(
    institution: Institution,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<Division | null> {
    return this.loaders.division(fieldContext(context)).load(institution.divisionCode);
  }
}
