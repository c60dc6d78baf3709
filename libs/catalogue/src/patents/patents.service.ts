import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotFoundError, type RequestContext } from '@techmatch/common';
import { OutboxService, TransactionService } from '@techmatch/database';
import { DataSource } from 'typeorm';
import type { AddPatentsInput, UpdatePatentInput } from '../results/dto/result.input.js';
import { ResearchResult } from '../results/research-result.entity.js';
import { ResearchResultsService } from '../results/research-results.service.js';
import { CatalogueAccess } from '../shared/catalogue-access.service.js';
import { definedOnly, rejectNulls } from '../shared/input-helpers.js';
import { parsePatentNumber } from '../validation/patent-number.js';
import { Patent } from './patent.entity.js';
import { PatentRegistry } from './patent-registry.service.js';

const PATENT = { zh: '专利', en: 'patent' };

/**
 * Patents behind results: found by id or number (visible when their result is), added to a result
 * and changed as their legal status moves on, by whoever manages the result's institution.
 */
@Injectable()
export class PatentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: CatalogueAccess,
    private readonly results: ResearchResultsService,
    private readonly registry: PatentRegistry,
    private readonly outbox: OutboxService,
  ) {}

  async findVisible(ctx: RequestContext, id: string): Promise<Patent> {
    const patent = await this.dataSource.getRepository(Patent).findOneBy({ id });
    return this.visibleOrMissing(ctx, patent, id);
  }

  /** By number in any accepted form (ZL…, CN…, with or without spaces). */
  async findByNumber(ctx: RequestContext, number: string): Promise<Patent> {
    const normalised = parsePatentNumber(number)?.normalised ?? number;
    const patent = await this.dataSource.getRepository(Patent).findOneBy({ number: normalised });
    return this.visibleOrMissing(ctx, patent, number);
  }

  async add(ctx: RequestContext, input: AddPatentsInput): Promise<Patent[]> {
    return this.tx.run(async (em) => {
      const result = await em.findOne(ResearchResult, {
        where: { id: input.resultId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!result || !(await this.access.canManageInstitution(ctx, result.institutionId))) {
        throw new NotFoundError({ zh: '科技成果', en: 'research result' }, input.resultId);
      }
      const added = await this.registry.attach(em, result.id, input.patents, 'input.patents');
      await this.outbox.enqueue(em, [{ topic: 'result', aggregateId: result.id }]);
      return added;
    });
  }

  async update(ctx: RequestContext, input: UpdatePatentInput): Promise<Patent> {
    const { id, ...changes } = input;
    rejectNulls(changes, ['title', 'legalStatus', 'owners', 'openLicence']);
    return this.tx.run(async (em) => {
      const patent = await em.findOne(Patent, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const result = patent && (await em.findOneBy(ResearchResult, { id: patent.resultId }));
      if (
        !patent ||
        !result ||
        !(await this.access.canManageInstitution(ctx, result.institutionId))
      ) {
        throw new NotFoundError(PATENT, id);
      }
      const saved = await em.save(Patent, { ...patent, ...definedOnly(changes) });
      await this.outbox.enqueue(em, [{ topic: 'result', aggregateId: result.id }]);
      return saved;
    });
  }

  private async visibleOrMissing(
    ctx: RequestContext,
    patent: Patent | null,
    key: string,
  ): Promise<Patent> {
    if (!patent) throw new NotFoundError(PATENT, key);
    await this.results.findVisible(ctx, patent.resultId).catch(() => {
      throw new NotFoundError(PATENT, key);
    });
    return patent;
  }
}
