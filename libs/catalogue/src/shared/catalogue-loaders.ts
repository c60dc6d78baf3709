import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RequestContext } from '@techmatch/common';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { Enterprise } from '../enterprises/enterprise.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import type { Patent } from '../patents/patent.entity.js';
import type { Researcher } from '../researchers/researcher.entity.js';
import { TechNeed } from '../needs/tech-need.entity.js';
import { ResearchResult } from '../results/research-result.entity.js';
import { ResearchResultsService } from '../results/research-results.service.js';
import { Division } from '../taxonomies/division.entity.js';

const groupBy = <T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] =>
  ids.map((id) => rows.filter((row) => key(row) === id));

const byId = <T extends { id: string }>(ids: readonly string[], rows: T[]): Array<T | null> =>
  ids.map((id) => rows.find((row) => row.id === id) ?? null);

/**
 * Per-request DataLoaders for the catalogue's nested fields: a page of 50 results asks for its
 * institutions, patents and researchers in one query each, not 50. Loaders live on the request
 * (RequestContext.memo), so nothing is cached across requests or callers.
 */
@Injectable()
export class CatalogueLoaders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: ResearchResultsService,
  ) {}

  institution(ctx: RequestContext): DataLoader<string, Institution | null> {
    return ctx.memo(
      'loader:institution',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byId(ids, await this.dataSource.getRepository(Institution).findBy({ id: In([...ids]) })),
        ),
    );
  }

  /** Divisions are 14 rows: one query loads them all, once per request. */
  division(ctx: RequestContext): DataLoader<string, Division | null> {
    return ctx.memo(
      'loader:division',
      () =>
        new DataLoader(async (codes: readonly string[]) => {
          const rows = await this.dataSource.getRepository(Division).find();
          return codes.map((code) => rows.find((row) => row.code === code) ?? null);
        }),
    );
  }

  /**
   * Needs and results by id, for views that point at them (matches). No visibility check here:
   * the caller decides who may follow the pointer, as the matching context does.
   */
  need(ctx: RequestContext): DataLoader<string, TechNeed | null> {
    return ctx.memo(
      'loader:need',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byId(ids, await this.dataSource.getRepository(TechNeed).findBy({ id: In([...ids]) })),
        ),
    );
  }

  result(ctx: RequestContext): DataLoader<string, ResearchResult | null> {
    return ctx.memo(
      'loader:result',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byId(
            ids,
            await this.dataSource.getRepository(ResearchResult).findBy({ id: In([...ids]) }),
          ),
        ),
    );
  }

  enterprise(ctx: RequestContext): DataLoader<string, Enterprise | null> {
    return ctx.memo(
      'loader:enterprise',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          byId(ids, await this.dataSource.getRepository(Enterprise).findBy({ id: In([...ids]) })),
        ),
    );
  }

  patentsOfResult(ctx: RequestContext): DataLoader<string, Patent[]> {
    return ctx.memo(
      'loader:patents',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          groupBy(ids, await this.results.patentsOf(ids), (patent) => patent.resultId),
        ),
    );
  }

  researchersOfResult(ctx: RequestContext): DataLoader<string, Researcher[]> {
    return ctx.memo(
      'loader:researchers',
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          groupBy(ids, await this.results.researchersOf(ids), (researcher) => researcher.resultId),
        ),
    );
  }
}
