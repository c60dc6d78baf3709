import { Injectable } from '@nestjs/common';
import { CatalogueAccess } from '@techmatch/catalogue';
import { NotFoundError, type RequestContext, Role } from '@techmatch/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { Deal } from '../entities/deal.entity.js';
import { DealSide } from '../entities/deal-enums.js';

export const DEAL = { zh: '交易', en: 'deal' };
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Who a caller is to a deal. Brokers and admins act as the BROKER side on every deal; an enterprise
 * user is the ENTERPRISE side of its enterprise's deals; a researcher is the INSTITUTION side of
 * its institution's deals. Everyone else is nobody to the deal and gets NOT_FOUND, so that the
 * existence of other people's deals does not leak. A context without an actor is the scheduler.
 */
@Injectable()
export class DealAccess {
  constructor(private readonly catalogue: CatalogueAccess) {}

  async sideOf(ctx: RequestContext, deal: Deal): Promise<DealSide | null> {
    if (!ctx.isAuthenticated) return DealSide.SYSTEM;
    if (this.catalogue.isStaff(ctx)) return DealSide.BROKER;
    if (ctx.hasRole(Role.ENTERPRISE))
      return (await this.catalogue.enterpriseOf(ctx)) === deal.enterpriseId
        ? DealSide.ENTERPRISE
        : null;
    if (ctx.hasRole(Role.RESEARCHER))
      return (await this.catalogue.institutionOf(ctx)) === deal.institutionId
        ? DealSide.INSTITUTION
        : null;
    return null;
  }

  /** The caller's side, or NOT_FOUND when the caller has no part in the deal. */
  async requireSide(ctx: RequestContext, deal: Deal): Promise<DealSide> {
    const side = await this.sideOf(ctx, deal);
    if (!side) throw new NotFoundError(DEAL, deal.id);
    return side;
  }

  /** Narrows a deal list to what the caller may see. */
  async scope(ctx: RequestContext, query: SelectQueryBuilder<Deal>): Promise<void> {
    if (this.catalogue.isStaff(ctx)) return;
    if (ctx.hasRole(Role.ENTERPRISE)) {
      const own = (await this.catalogue.enterpriseOf(ctx)) ?? NOBODY;
      query.andWhere(`${query.alias}.enterprise_id = :own`, { own });
    } else if (ctx.hasRole(Role.RESEARCHER)) {
      const own = (await this.catalogue.institutionOf(ctx)) ?? NOBODY;
      query.andWhere(`${query.alias}.institution_id = :own`, { own });
    } else query.andWhere('false');
  }

  isStaff(ctx: RequestContext): boolean {
    return this.catalogue.isStaff(ctx);
  }

  enterpriseOf(ctx: RequestContext): Promise<string | null> {
    return this.catalogue.enterpriseOf(ctx);
  }
}
