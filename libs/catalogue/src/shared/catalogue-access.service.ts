import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError, invalidFields, type RequestContext, Role } from '@techmatch/common';
import { DataSource } from 'typeorm';
import { EnterpriseMember } from '../enterprises/enterprise-member.entity.js';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import { Researcher } from '../researchers/researcher.entity.js';

/** The two kinds of owner in the catalogue: results belong to institutions, needs to enterprises. */
const OWNERS = {
  institution: {
    entity: Institution,
    path: 'input.institutionId',
    unknown: {
      zh: '请指定已登记的成果所属机构',
      en: 'institutionId must name a registered institution',
    },
    forbidden: {
      zh: '只有本机构的科研人员、技术经纪人和管理员可以登记成果',
      en: "Only the institution's researchers, brokers and admins may list its results",
    },
  },
  enterprise: {
    entity: Enterprise,
    path: 'input.enterpriseId',
    unknown: { zh: '请指定已登记的企业', en: 'enterpriseId must name a registered enterprise' },
    forbidden: {
      zh: '只有本企业用户、技术经纪人和管理员可以发布该企业的需求',
      en: "Only the enterprise's own users, brokers and admins may post its needs",
    },
  },
} as const;

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

  /**
   * Who owns a new result or need: brokers and admins must name a registered owner; a researcher
   * or enterprise user gets their own, and may not name another.
   */
  async ownerForNew(
    ctx: RequestContext,
    kind: keyof typeof OWNERS,
    requested: string | null,
  ): Promise<string> {
    const owner = OWNERS[kind];
    if (this.isStaff(ctx)) {
      const exists =
        requested &&
        (await this.dataSource.getRepository(owner.entity).existsBy({ id: requested }));
      if (!requested || !exists) {
        throw invalidFields([
          { path: owner.path, constraints: ['knownOwner'], message: owner.unknown },
        ]);
      }
      return requested;
    }
    const own =
      kind === 'institution' ? await this.institutionOf(ctx) : await this.enterpriseOf(ctx);
    if (!own || (requested && requested !== own)) throw new ForbiddenError(owner.forbidden);
    return own;
  }
}
