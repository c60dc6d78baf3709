import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ConnectionShape,
  NotFoundError,
  type PageArgs,
  paginate,
  type RequestContext,
} from '@techmatch/common';
import { JoinedReader, OutboxService, TransactionService } from '@techmatch/database';
import { DataSource, type EntityManager, In, type SelectQueryBuilder, MoreThan } from 'typeorm';
import type { NeedImportRow } from '../shared/catalogue-import.types.js';
import { CatalogueAccess } from '../shared/catalogue-access.service.js';
import { NeedStatus } from '../shared/catalogue-enums.js';
import { assertOrdered, definedOnly, rejectNulls } from '../shared/input-helpers.js';
import { nextStatus, staleVersion, type Transitions } from '../shared/lifecycle.js';
import { TaxonomyService } from '../taxonomies/taxonomy.service.js';
import type { NeedFilter } from './dto/need-filter.input.js';
import type { CreateNeedInput, UpdateNeedInput } from './dto/need.input.js';
import { TechNeed } from './tech-need.entity.js';

export type NeedAction = 'publish' | 'archive' | 'reopen';

const NEED = { zh: '技术需求', en: 'technology need' };

const TRANSITIONS: Transitions<NeedStatus, NeedAction> = {
  publish: { from: [NeedStatus.DRAFT], to: NeedStatus.OPEN },
  archive: {
    from: [NeedStatus.DRAFT, NeedStatus.OPEN, NeedStatus.MATCHING],
    to: NeedStatus.CLOSED,
  },
  reopen: { from: [NeedStatus.CLOSED], to: NeedStatus.OPEN },
};

/** What the public sees: needs that are live, not drafts and not closed. */
export const PUBLIC_NEED_STATUSES = [NeedStatus.OPEN, NeedStatus.MATCHING, NeedStatus.IN_DEAL];

const REQUIRED: readonly string[] = [
  'title',
  'description',
  'problem',
  'fieldCodes',
  'keywords',
  'modes',
];

/**
 * Technology needs: posted and changed by their enterprise's users (or brokers and admins),
 * published, closed and re-opened through a checked lifecycle, and listed publicly while open.
 */
@Injectable()
export class TechNeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: CatalogueAccess,
    private readonly taxonomy: TaxonomyService,
    private readonly outbox: OutboxService,
  ) {}

  async create(ctx: RequestContext, input: CreateNeedInput): Promise<TechNeed> {
    const enterpriseId = await this.access.ownerForNew(
      ctx,
      'enterprise',
      input.enterpriseId ?? null,
    );
    await this.taxonomy.assertKnown({
      fieldCodes: { path: 'input.fieldCodes', codes: input.fieldCodes },
    });
    return this.tx.run((em) =>
      this.saveAndAnnounce(
        em,
        em.create(TechNeed, {
          ...input,
          enterpriseId,
          minTrl: input.minTrl ?? null,
          budgetMinYuan: input.budgetMinYuan ?? null,
          budgetMaxYuan: input.budgetMaxYuan ?? null,
          deadline: input.deadline ?? null,
          status: NeedStatus.DRAFT,
          sourceKey: null,
        }),
      ),
    );
  }

  async update(ctx: RequestContext, input: UpdateNeedInput): Promise<TechNeed> {
    const { id, version, ...changes } = input;
    rejectNulls(changes, REQUIRED);
    if (changes.fieldCodes) {
      await this.taxonomy.assertKnown({
        fieldCodes: { path: 'input.fieldCodes', codes: changes.fieldCodes },
      });
    }
    return this.tx.run(async (em) => {
      const current = await this.lockForChange(ctx, em, id);
      if (current.version !== version) throw staleVersion(NEED, current.version, version);
      const merged = { ...current, ...definedOnly(changes) };
      assertOrdered(merged.budgetMinYuan, merged.budgetMaxYuan, 'input.budgetMinYuan');
      return this.saveAndAnnounce(em, em.create(TechNeed, merged));
    });
  }

  async transition(ctx: RequestContext, id: string, action: NeedAction): Promise<TechNeed> {
    return this.tx.run(async (em) => {
      const current = await this.lockForChange(ctx, em, id);
      current.status = nextStatus(TRANSITIONS, NEED, current.status, action);
      if (current.status === NeedStatus.OPEN) current.publishedAt ??= new Date();
      return this.saveAndAnnounce(em, current);
    });
  }

  /** Loads needs not there yet (by sourceKey) inside the caller's transaction; returns how many. */
  async importMany(
    _ctx: RequestContext,
    rows: NeedImportRow[],
    em: EntityManager,
  ): Promise<number> {
    const existing = new Set(
      (await em.findBy(TechNeed, { sourceKey: In(rows.map((row) => row.sourceKey)) })).map(
        (n) => n.sourceKey,
      ),
    );
    const fresh = rows.filter((row) => !existing.has(row.sourceKey));
    const now = Date.now();
    const saved = await em.save(
      fresh.map((row, index) =>
        em.create(TechNeed, {
          ...row,
          publishedAt: PUBLIC_NEED_STATUSES.includes(row.status)
            ? new Date(now - index * 1000)
            : null,
        }),
      ),
      { chunk: 100 },
    );
    await this.outbox.enqueue(
      em,
      saved.map((need) => ({ topic: 'need', aggregateId: need.id })),
    );
    return fresh.length;
  }

  /**
   * The rows among these that the catalogue holds already: the same sourceKey, or the same
   * enterprise and title. Returns their sourceKeys (see ResearchResultsService.existingImportKeys).
   */
  async existingImportKeys(
    _ctx: RequestContext,
    rows: Array<{ sourceKey: string; enterpriseId?: string; title?: string }>,
    em: EntityManager,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const paired = rows.filter((r) => r.enterpriseId !== undefined && r.title !== undefined);
    const found = await em.query<Array<{ source_key: string | null; pair: string }>>(
      `SELECT source_key, enterprise_id || E'\\n' || title AS pair FROM tech_needs
        WHERE source_key = ANY($1::varchar[])
           OR (enterprise_id, title) IN (SELECT * FROM unnest($2::uuid[], $3::varchar[]))`,
      [rows.map((r) => r.sourceKey), paired.map((r) => r.enterpriseId), paired.map((r) => r.title)],
    );
    const keys = new Set(found.map((row) => row.source_key));
    const pairs = new Set(found.map((row) => row.pair));
    return new Set(
      rows
        .filter(
          (r) =>
            keys.has(r.sourceKey) ||
            (r.title !== undefined && pairs.has(`${r.enterpriseId}\n${r.title}`)),
        )
        .map((r) => r.sourceKey),
    );
  }

  /** Saves and, in the same transaction, tells the search index (through the outbox) to refresh it. */
  private async saveAndAnnounce(em: EntityManager, need: TechNeed): Promise<TechNeed> {
    const saved = await em.save(need);
    await this.outbox.enqueue(em, [{ topic: 'need', aggregateId: saved.id }]);
    return saved;
  }

  /**
   * Needs with their enterprise, in whatever state they are: for the search index, and for search
   * and matching to re-read what the engine ranked.
   */
  withEnterprise(ids: readonly string[]): Promise<TechNeed[]> {
    return this.withEnterpriseReader.byIds(ids);
  }

  private readonly withEnterpriseReader = new JoinedReader(this.dataSource, TechNeed, 'enterprise');

  /** Every id, in id order, a page at a time: how rebuilds and checks walk the whole table. */
  async idsAfter(after: string | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TechNeed).find({
      select: { id: true },
      where: after ? { id: MoreThan(after) } : {},
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  async idsOfEnterprise(enterpriseId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(TechNeed)
      .find({ select: { id: true }, where: { enterpriseId } });
    return rows.map((row) => row.id);
  }

  async findVisible(ctx: RequestContext, id: string): Promise<TechNeed> {
    const need = await this.dataSource.getRepository(TechNeed).findOneBy({ id });
    if (!need || !(await this.isVisible(ctx, need))) throw new NotFoundError(NEED, id);
    return need;
  }

  async list(
    ctx: RequestContext,
    filter: NeedFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<TechNeed>> {
    const query = await this.filtered(filter);
    if (!this.access.isStaff(ctx))
      query.andWhere('need.status IN (:...live)', { live: PUBLIC_NEED_STATUSES });
    return this.page(query, page);
  }

  /** An enterprise's own needs in every status (brokers and admins: all needs). */
  async listMine(
    ctx: RequestContext,
    filter: NeedFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<TechNeed>> {
    const query = await this.filtered(filter);
    if (!this.access.isStaff(ctx)) {
      const enterpriseId = await this.access.enterpriseOf(ctx);
      query.andWhere('need.enterprise_id = :mine', {
        mine: enterpriseId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    return this.page(query, page);
  }

  private async isVisible(ctx: RequestContext, need: TechNeed): Promise<boolean> {
    return (
      PUBLIC_NEED_STATUSES.includes(need.status) ||
      this.access.canManageEnterprise(ctx, need.enterpriseId)
    );
  }

  private async lockForChange(
    ctx: RequestContext,
    em: EntityManager,
    id: string,
  ): Promise<TechNeed> {
    const current = await em.findOne(TechNeed, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current || !(await this.isVisible(ctx, current))) throw new NotFoundError(NEED, id);
    await this.access.assertManagesEnterprise(ctx, current.enterpriseId);
    return current;
  }

  private async filtered(filter: NeedFilter): Promise<SelectQueryBuilder<TechNeed>> {
    const query = this.dataSource.getRepository(TechNeed).createQueryBuilder('need');
    if (filter.fieldCodes?.length) {
      query.andWhere('need.field_codes && :fields::varchar[]', {
        fields: await this.taxonomy.withDescendants(filter.fieldCodes),
      });
    }
    if (filter.divisionCodes?.length) {
      query
        .innerJoin('need.enterprise', 'enterprise')
        .andWhere('enterprise.division_code IN (:...divisionCodes)', filter);
    }
    if (filter.trl) query.andWhere('(need.min_trl IS NULL OR need.min_trl <= :trl)', filter);
    if (filter.modes?.length) query.andWhere('need.modes && :modes::transfer_mode[]', filter);
    if (filter.statuses?.length) query.andWhere('need.status IN (:...statuses)', filter);
    return query;
  }

  private page(
    query: SelectQueryBuilder<TechNeed>,
    page: PageArgs,
  ): Promise<ConnectionShape<TechNeed>> {
    return paginate(
      query,
      page,
      'COALESCE(need.published_at, need.created_at)',
      (row) => row.publishedAt ?? row.createdAt,
    );
  }
}
