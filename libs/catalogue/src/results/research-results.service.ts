import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ConnectionShape,
  NotFoundError,
  type PageArgs,
  type RequestContext,
} from '@techmatch/common';
import { JoinedReader, OutboxService, TransactionService } from '@techmatch/database';
import { DataSource, type EntityManager, In, type SelectQueryBuilder, MoreThan } from 'typeorm';
import { paginate } from '@techmatch/common';
import { Patent } from '../patents/patent.entity.js';
import { PatentRegistry } from '../patents/patent-registry.service.js';
import { Researcher } from '../researchers/researcher.entity.js';
import { CatalogueAccess } from '../shared/catalogue-access.service.js';
import { ResultStatus } from '../shared/catalogue-enums.js';
import { assertOrdered, definedOnly, rejectNulls } from '../shared/input-helpers.js';
import { nextStatus, staleVersion, type Transitions } from '../shared/lifecycle.js';
import { TaxonomyService } from '../taxonomies/taxonomy.service.js';
import type { CreateResultInput, UpdateResultInput } from './dto/result.input.js';
import type { ResultImportRow } from '../shared/catalogue-import.types.js';
import type { ResultFilter } from './dto/result-filter.input.js';
import { ResearchResult } from './research-result.entity.js';

export type ResultAction = 'publish' | 'archive' | 'reopen';

const RESULT = { zh: '科技成果', en: 'research result' };

const TRANSITIONS: Transitions<ResultStatus, ResultAction> = {
  publish: { from: [ResultStatus.DRAFT], to: ResultStatus.PUBLISHED },
  archive: { from: [ResultStatus.DRAFT, ResultStatus.PUBLISHED], to: ResultStatus.ARCHIVED },
  reopen: { from: [ResultStatus.ARCHIVED], to: ResultStatus.PUBLISHED },
};

// Columns an update may not set to null: the database would refuse them anyway, less politely.
const REQUIRED: readonly string[] = [
  'title',
  'summary',
  'fieldCodes',
  'keywords',
  'trl',
  'stage',
  'level',
  'modes',
  'serviceInvention',
];

/**
 * Research results: created and changed by their institution's researchers (or brokers and
 * admins), published, archived and re-opened through a checked lifecycle, and listed for everyone
 * else once published.
 */
@Injectable()
export class ResearchResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: CatalogueAccess,
    private readonly taxonomy: TaxonomyService,
    private readonly patents: PatentRegistry,
    private readonly outbox: OutboxService,
  ) {}

  async create(ctx: RequestContext, input: CreateResultInput): Promise<ResearchResult> {
    const institutionId = await this.access.ownerForNew(
      ctx,
      'institution',
      input.institutionId ?? null,
    );
    await this.taxonomy.assertKnown({
      fieldCodes: { path: 'input.fieldCodes', codes: input.fieldCodes },
    });
    const { patents, ...fields } = input;
    return this.tx.run(async (em) => {
      const result = await em.save(
        em.create(ResearchResult, {
          ...fields,
          institutionId,
          confidentialDetail: input.confidentialDetail ?? null,
          priceMinYuan: input.priceMinYuan ?? null,
          priceMaxYuan: input.priceMaxYuan ?? null,
          status: ResultStatus.DRAFT,
          sourceKey: null,
        }),
      );
      await this.patents.attach(em, result.id, patents, 'input.patents');
      if (ctx.actor && (await this.access.institutionOf(ctx)) === institutionId) {
        await em.insert('research_result_researchers', {
          result_id: result.id,
          researcher_id: ctx.actor.userId,
        });
      }
      await this.outbox.enqueue(em, [{ topic: 'result', aggregateId: result.id }]);
      return result;
    });
  }

  async update(ctx: RequestContext, input: UpdateResultInput): Promise<ResearchResult> {
    const { id, version, ...changes } = input;
    rejectNulls(changes, REQUIRED);
    if (changes.fieldCodes) {
      await this.taxonomy.assertKnown({
        fieldCodes: { path: 'input.fieldCodes', codes: changes.fieldCodes },
      });
    }
    return this.tx.run(async (em) => {
      const current = await this.lockForChange(ctx, em, id);
      if (current.version !== version) throw staleVersion(RESULT, current.version, version);
      const merged = { ...current, ...definedOnly(changes) };
      assertOrdered(merged.priceMinYuan, merged.priceMaxYuan, 'input.priceMinYuan');
      return this.saveAndAnnounce(em, em.create(ResearchResult, merged));
    });
  }

  async transition(ctx: RequestContext, id: string, action: ResultAction): Promise<ResearchResult> {
    return this.tx.run(async (em) => {
      const current = await this.lockForChange(ctx, em, id);
      current.status = nextStatus(TRANSITIONS, RESULT, current.status, action);
      if (current.status === ResultStatus.PUBLISHED) current.publishedAt ??= new Date();
      return this.saveAndAnnounce(em, current);
    });
  }

  /**
   * Loads results that are not there yet (by sourceKey), with their patents, inside the caller's
   * transaction. Published rows get publication times a second apart, in row order, so that
   * "newest first" is the order of the rows. Returns how many results were added.
   */
  async importMany(
    _ctx: RequestContext,
    rows: ResultImportRow[],
    em: EntityManager,
  ): Promise<number> {
    const existing = new Set(
      (await em.findBy(ResearchResult, { sourceKey: In(rows.map((row) => row.sourceKey)) })).map(
        (r) => r.sourceKey,
      ),
    );
    const fresh = rows.filter((row) => !existing.has(row.sourceKey));
    const now = Date.now();
    for (let start = 0; start < fresh.length; start += 200) {
      const batch = fresh.slice(start, start + 200);
      const saved = await em.save(
        batch.map(({ patents: _patents, ...row }, index) =>
          em.create(ResearchResult, {
            ...row,
            publishedAt:
              row.status === ResultStatus.PUBLISHED ? new Date(now - (start + index) * 1000) : null,
          }),
        ),
        { chunk: 100 },
      );
      const patents = batch.flatMap((row, index) =>
        row.patents.map((patent) => em.create(Patent, { ...patent, resultId: saved[index]?.id })),
      );
      if (patents.length > 0) await em.save(patents, { chunk: 200 });
      await this.outbox.enqueue(
        em,
        saved.map((result) => ({ topic: 'result', aggregateId: result.id })),
      );
    }
    return fresh.length;
  }

  /**
   * The rows among these that the catalogue holds already, by their natural key: the same
   * sourceKey, or (for rows given with them) the same institution and title. Returns their
   * sourceKeys. Spreadsheet imports
   * skip them, so that importing a file twice adds nothing even when a result was first entered by
   * hand (without a sourceKey).
   */
  async existingImportKeys(
    _ctx: RequestContext,
    rows: Array<{ sourceKey: string; institutionId?: string; title?: string }>,
    em: EntityManager,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const paired = rows.filter((r) => r.institutionId !== undefined && r.title !== undefined);
    const found = await em.query<Array<{ source_key: string | null; pair: string }>>(
      `SELECT source_key, institution_id || E'\\n' || title AS pair FROM research_results
        WHERE source_key = ANY($1::varchar[])
           OR (institution_id, title) IN (SELECT * FROM unnest($2::uuid[], $3::varchar[]))`,
      [
        rows.map((r) => r.sourceKey),
        paired.map((r) => r.institutionId),
        paired.map((r) => r.title),
      ],
    );
    const keys = new Set(found.map((row) => row.source_key));
    const pairs = new Set(found.map((row) => row.pair));
    return new Set(
      rows
        .filter(
          (r) =>
            keys.has(r.sourceKey) ||
            (r.title !== undefined && pairs.has(`${r.institutionId}\n${r.title}`)),
        )
        .map((r) => r.sourceKey),
    );
  }

  /** Which of these (normalised) patent numbers are registered already, with any result. */
  async registeredPatentNumbers(
    _ctx: RequestContext,
    numbers: string[],
    em: EntityManager,
  ): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const found = await em.find(Patent, {
      select: { number: true },
      where: { number: In(numbers) },
    });
    return new Set(found.map((patent) => patent.number));
  }

  /** Saves and, in the same transaction, tells the search index (through the outbox) to refresh it. */
  private async saveAndAnnounce(
    em: EntityManager,
    result: ResearchResult,
  ): Promise<ResearchResult> {
    const saved = await em.save(result);
    await this.outbox.enqueue(em, [{ topic: 'result', aggregateId: saved.id }]);
    return saved;
  }

  /**
   * Results with their institution, whatever state they are in: for the search index (the indexer
   * decides what is searchable), and for search and matching to re-read what the engine ranked
   * (they decide what is visible). Ids that no longer exist are simply absent.
   */
  withInstitution(ids: readonly string[]): Promise<ResearchResult[]> {
    return this.withInstitutionReader.byIds(ids);
  }

  private readonly withInstitutionReader = new JoinedReader(
    this.dataSource,
    ResearchResult,
    'institution',
  );

  /** Ids of an institution's results: a change of the institution touches all their documents. */
  /** Every id, in id order, a page at a time: how rebuilds and checks walk the whole table. */
  async idsAfter(after: string | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ResearchResult).find({
      select: { id: true },
      where: after ? { id: MoreThan(after) } : {},
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  async idsOfInstitution(institutionId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ResearchResult)
      .find({ select: { id: true }, where: { institutionId } });
    return rows.map((row) => row.id);
  }

  /** A result the caller may see; drafts and archived results look absent to others. */
  async findVisible(ctx: RequestContext, id: string): Promise<ResearchResult> {
    const result = await this.dataSource.getRepository(ResearchResult).findOneBy({ id });
    if (!result || !(await this.isVisible(ctx, result))) throw new NotFoundError(RESULT, id);
    return result;
  }

  async list(
    ctx: RequestContext,
    filter: ResultFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<ResearchResult>> {
    const query = await this.filtered(filter);
    if (!this.access.isStaff(ctx)) {
      query.andWhere('result.status = :published', { published: ResultStatus.PUBLISHED });
    }
    return this.page(query, page);
  }

  /** A researcher's institution's results in any status (brokers and admins: all results). */
  async listMine(
    ctx: RequestContext,
    filter: ResultFilter,
    page: PageArgs,
  ): Promise<ConnectionShape<ResearchResult>> {
    const query = await this.filtered(filter);
    if (!this.access.isStaff(ctx)) {
      const institutionId = await this.access.institutionOf(ctx);
      query.andWhere('result.institution_id = :mine', {
        mine: institutionId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    return this.page(query, page);
  }

  async canSeeConfidential(ctx: RequestContext, result: ResearchResult): Promise<boolean> {
    return this.access.canManageInstitution(ctx, result.institutionId);
  }

  patentsOf(resultIds: readonly string[]): Promise<Patent[]> {
    return this.dataSource
      .getRepository(Patent)
      .find({ where: { resultId: In([...resultIds]) }, order: { number: 'ASC' } });
  }

  async researchersOf(
    resultIds: readonly string[],
  ): Promise<Array<Researcher & { resultId: string }>> {
    const rows = await this.dataSource
      .getRepository(Researcher)
      .createQueryBuilder('researcher')
      .innerJoin('research_result_researchers', 'link', 'link.researcher_id = researcher.user_id')
      .addSelect('link.result_id', 'result_id')
      .where('link.result_id IN (:...ids)', { ids: [...resultIds] })
      .orderBy('researcher.display_name')
      .getRawAndEntities();
    return rows.entities.map((researcher, index) => ({
      ...researcher,
      resultId: String((rows.raw[index] as { result_id: string }).result_id),
    }));
  }

  private async isVisible(ctx: RequestContext, result: ResearchResult): Promise<boolean> {
    return (
      result.status === ResultStatus.PUBLISHED ||
      this.access.canManageInstitution(ctx, result.institutionId)
    );
  }

  private async lockForChange(
    ctx: RequestContext,
    em: EntityManager,
    id: string,
  ): Promise<ResearchResult> {
    const current = await em.findOne(ResearchResult, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!current || !(await this.isVisible(ctx, current))) throw new NotFoundError(RESULT, id);
    await this.access.assertManagesInstitution(ctx, current.institutionId);
    return current;
  }

  private async filtered(filter: ResultFilter): Promise<SelectQueryBuilder<ResearchResult>> {
    const query = this.dataSource.getRepository(ResearchResult).createQueryBuilder('result');
    if (filter.fieldCodes?.length) {
      query.andWhere('result.field_codes && :fields::varchar[]', {
        fields: await this.taxonomy.withDescendants(filter.fieldCodes),
      });
    }
    if (filter.institutionId) query.andWhere('result.institution_id = :institutionId', filter);
    if (filter.divisionCodes?.length || filter.institutionKinds?.length) {
      query.innerJoin('result.institution', 'institution');
      if (filter.divisionCodes?.length)
        query.andWhere('institution.division_code IN (:...divisionCodes)', filter);
      if (filter.institutionKinds?.length)
        query.andWhere('institution.kind IN (:...institutionKinds)', filter);
    }
    if (filter.trlMin) query.andWhere('result.trl >= :trlMin', filter);
    if (filter.trlMax) query.andWhere('result.trl <= :trlMax', filter);
    if (filter.modes?.length) query.andWhere('result.modes && :modes::transfer_mode[]', filter);
    if (filter.statuses?.length) query.andWhere('result.status IN (:...statuses)', filter);
    return query;
  }

  private page(
    query: SelectQueryBuilder<ResearchResult>,
    page: PageArgs,
  ): Promise<ConnectionShape<ResearchResult>> {
    return paginate(
      query,
      page,
      'COALESCE(result.published_at, result.created_at)',
      (row) => row.publishedAt ?? row.createdAt,
    );
  }
}
