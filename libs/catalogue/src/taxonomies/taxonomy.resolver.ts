import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public, RequestContext } from '@techmatch/common';
import { DivisionKind, FieldScheme, IndustryLevel } from '../shared/catalogue-enums.js';
import { Division } from './division.entity.js';
import { TechField } from './field.entity.js';
import { Industry } from './industry.entity.js';
import { TaxonomyService } from './taxonomy.service.js';

/** The reference taxonomies, public: forms need them before anyone logs in. */
@Public()
@Resolver()
export class TaxonomyResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Query(() => [TechField], {
    description: '学科与高新技术领域 / The field tree, optionally one level of it',
  })
  fields(
    @Ctx() ctx: RequestContext,
    @Args('scheme', { type: () => FieldScheme, nullable: true }) scheme?: FieldScheme,
    @Args('parentCode', { type: () => String, nullable: true }) parentCode?: string,
  ): Promise<TechField[]> {
    return this.taxonomy.fields(ctx, scheme, parentCode);
  }

  @Query(() => [Industry], { description: 'GB/T 4754-2017 门类 and 大类' })
  industries(
    @Ctx() ctx: RequestContext,
    @Args('level', { type: () => IndustryLevel, nullable: true }) level?: IndustryLevel,
  ): Promise<Industry[]> {
    return this.taxonomy.industries(ctx, level);
  }

  @Query(() => [Division], { description: "Luoyang's 7 districts and 7 counties" })
  divisions(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => DivisionKind, nullable: true }) kind?: DivisionKind,
  ): Promise<Division[]> {
    return this.taxonomy.divisions(ctx, kind);
  }
}
