import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError, type RequestContext, Role } from '@techmatch/common';
import { DataSource } from 'typeorm';
import { EnterpriseMember } from '../enterprises/enterprise-member.entity.js';
import { Researcher } from '../researchers/researcher.entity.js';

const RESEARCHER_KEY = Symbol('catalogue:researcher');
const ENTERPRISE_KEY = Symbol('catalogue:enterprise');

/**
 * Who may see and change what in the catalogue. The caller's institution (for a researcher) and
 * enterprise (for an enterprise user) are looked up once per request and remembered on the context.
 */
@Injectable()
export class CatalogueAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Brokers and admins see and may change everything in the catalogue. */
  isStaff(ctx: RequestContext): boolean {
    return ctx.hasRole(Role.BROKER, Role.ADMIN);
  }

  /** The institution a researcher caller belongs to, or null for anyone else. */
  institutionOf(ctx: RequestContext): Promise<string | null> {
    if (!ctx.hasRole(Role.RESEARCHER)) return Promise.resolve(null);
    const userId = ctx.requireActor().userId;
    return ctx.memo(RESEARCHER_KEY, async () => {
      const researcher = await this.dataSource.getRepository(Researcher).findOneBy({ userId });
      return researcher?.institutionId ?? null;
    });
  }

  /** The enterprise an enterprise caller acts for, or null for anyone else. */
  enterpriseOf(ctx: RequestContext): Promise<string | null> {
    if (!ctx.hasRole(Role.ENTERPRISE)) return Promise.resolve(null);
    const userId = ctx.requireActor().userId;
    return ctx.memo(ENTERPRISE_KEY, async () => {
      const member = await this.dataSource.getRepository(EnterpriseMember).findOneBy({ userId });
      return member?.enterpriseId ?? null;
    });
  }

  async canManageInstitution(ctx: RequestContext, institutionId: string): Promise<boolean> {
    return this.isStaff(ctx) || (await this.institutionOf(ctx)) === institutionId;
  }

  async canManageEnterprise(ctx: RequestContext, enterpriseId: string): Promise<boolean> {
    return this.isStaff(ctx) || (await this.enterpriseOf(ctx)) === enterpriseId;
  }

  async assertManagesInstitution(ctx: RequestContext, institutionId: string): Promise<void> {
    if (!(await this.canManageInstitution(ctx, institutionId))) {
      throw new ForbiddenError({
        zh: '只能管理本机构的科技成果',
        en: "You may only manage your own institution's results",
      });
    }
  }

  async assertManagesEnterprise(ctx: RequestContext, enterpriseId: string): Promise<void> {
    if (!(await this.canManageEnterprise(ctx, enterpriseId))) {
      throw new ForbiddenError({
        zh: '只能管理本企业的信息和需求',
        en: 'You may only manage your own enterprise and its needs',
      });
    }
  }
}
