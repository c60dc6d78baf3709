import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  NotFoundError,
  type PageArgs,
  type ConnectionShape,
  paginate,
  type RequestContext,
  Role,
} from '@techmatch/common';
import { OutboxService, TransactionService } from '@techmatch/database';
import { type AuthPayload, AuthService, UsersService } from '@techmatch/identity';
import { DataSource, type EntityManager, In } from 'typeorm';
import { CatalogueAccess } from '../shared/catalogue-access.service.js';
import { definedOnly, rejectNulls } from '../shared/input-helpers.js';
import { staleVersion } from '../shared/lifecycle.js';
import type { EnterpriseImportRow } from '../shared/catalogue-import.types.js';
import { TaxonomyService } from '../taxonomies/taxonomy.service.js';
import type {
  EnterpriseInput,
  RegisterEnterpriseInput,
  UpdateEnterpriseInput,
} from './dto/enterprise.input.js';
import { EnterpriseMember } from './enterprise-member.entity.js';
import { Enterprise } from './enterprise.entity.js';

const ENTERPRISE = { zh: '企业', en: 'enterprise' };

/**
 * Enterprises on the demand side. An enterprise registers itself together with its first user (one
 * transaction: no user without an enterprise, no enterprise without a user); brokers and admins
 * may also enter enterprises on their behalf.
 */
@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: CatalogueAccess,
    private readonly taxonomy: TaxonomyService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly outbox: OutboxService,
  ) {}

  async register(ctx: RequestContext, input: RegisterEnterpriseInput): Promise<AuthPayload> {
    await this.assertCodes(input.enterprise, 'input.enterprise');
    const user = await this.tx.run(async (em) => {
      const enterprise = await this.insert(em, input.enterprise);
      const account = await this.users.createAccount(ctx, input.account, Role.ENTERPRISE, em);
      await em.insert(EnterpriseMember, { userId: account.id, enterpriseId: enterprise.id });
      return account;
    });
    return this.auth.session(user);
  }

  /** Brokers and admins enter an enterprise that has no user yet. */
  async create(_ctx: RequestContext, input: EnterpriseInput): Promise<Enterprise> {
    await this.assertCodes(input, 'input');
    return this.tx.run((em) => this.insert(em, input));
  }

  async update(ctx: RequestContext, input: UpdateEnterpriseInput): Promise<Enterprise> {
    const { id, version, ...changes } = input;
    // NOT NULL columns: null here would otherwise reach the UPDATE and fail there, as a 500.
    rejectNulls(changes, ['name', 'divisionCode', 'industryCode', 'qualifications']);
    await this.access.assertManagesEnterprise(ctx, id);
    await this.assertCodes(changes, 'input');
    return this.tx.run(async (em) => {
      const current = await em.findOne(Enterprise, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundError(ENTERPRISE, id);
      if (current.version !== version) throw staleVersion(ENTERPRISE, current.version, version);
      const saved = await em.save(Enterprise, { ...current, ...definedOnly(changes) });
      // Its needs' search documents carry its name and division.
      await this.outbox.enqueue(em, [{ topic: 'enterprise', aggregateId: saved.id }]);
      return saved;
    });
  }

  async findById(_ctx: RequestContext, id: string): Promise<Enterprise> {
    const enterprise = await this.dataSource.getRepository(Enterprise).findOneBy({ id });
    if (!enterprise) throw new NotFoundError(ENTERPRISE, id);
    return enterprise;
  }

  async mine(ctx: RequestContext): Promise<Enterprise | null> {
    const id = await this.access.enterpriseOf(ctx);
    return id ? this.findById(ctx, id) : null;
  }

  list(_ctx: RequestContext, page: PageArgs): Promise<ConnectionShape<Enterprise>> {
    const query = this.dataSource.getRepository(Enterprise).createQueryBuilder('enterprise');
    return paginate(query, page, 'enterprise.created_at', (row) => row.createdAt);
  }

  /** Adds enterprises not registered yet (by credit code); returns how many were added. */
  async importMany(
    _ctx: RequestContext,
    rows: EnterpriseImportRow[],
    em: EntityManager,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(Enterprise)
      .values(rows)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length;
  }

  /** Enterprise ids by credit code, for rows that refer to enterprises by their natural key. */
  async idsByUscc(
    _ctx: RequestContext,
    usccs: string[],
    em: EntityManager,
  ): Promise<Map<string, string>> {
    const rows = await em.find(Enterprise, {
      select: { id: true, uscc: true },
      where: { uscc: In(usccs) },
    });
    return new Map(rows.map((row) => [row.uscc, row.id]));
  }

  /** Enterprise ids by exact name; a name two enterprises share maps to both. */
  async idsByName(
    _ctx: RequestContext,
    names: string[],
    em: EntityManager,
  ): Promise<Map<string, string[]>> {
    const rows = await em.find(Enterprise, {
      select: { id: true, name: true },
      where: { name: In(names) },
    });
    const byName = new Map<string, string[]>();
    for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
    return byName;
  }

  /** Binds a user to the enterprise it acts for (demo accounts, and admins fixing memberships). */
  async addMember(
    _ctx: RequestContext,
    enterpriseId: string,
    userId: string,
    em: EntityManager,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(EnterpriseMember)
      .values({ userId, enterpriseId })
      .orIgnore()
      .execute();
  }

  /** The users who act for an enterprise: who hears about its needs' matches. */
  async memberUserIds(enterpriseId: string): Promise<string[]> {
    const members = await this.dataSource
      .getRepository(EnterpriseMember)
      .find({ select: { userId: true }, where: { enterpriseId } });
    return members.map((member) => member.userId);
  }

  /** Contact details are for the enterprise itself, brokers and admins. */
  canSeeContact(ctx: RequestContext, enterprise: Enterprise): Promise<boolean> {
    return this.access.canManageEnterprise(ctx, enterprise.id);
  }

  private async insert(em: EntityManager, input: EnterpriseInput): Promise<Enterprise> {
    if (await em.existsBy(Enterprise, { uscc: input.uscc })) {
      throw new ConflictError(
        {
          zh: `统一社会信用代码 ${input.uscc} 已登记`,
          en: `An enterprise with credit code ${input.uscc} is registered already`,
        },
        { field: 'uscc' },
      );
    }
    return em.save(
      em.create(Enterprise, {
        ...input,
        cultivationTier: input.cultivationTier ?? null,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
      }),
    );
  }

  private assertCodes(input: Partial<EnterpriseInput>, path: string): Promise<void> {
    return this.taxonomy.assertKnown({
      ...(input.divisionCode
        ? { divisionCode: { path: `${path}.divisionCode`, code: input.divisionCode } }
        : {}),
      ...(input.industryCode
        ? { industryCode: { path: `${path}.industryCode`, code: input.industryCode } }
        : {}),
    });
  }
}
