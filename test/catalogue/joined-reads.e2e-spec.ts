import { randomUUID } from 'node:crypto';
import {
  ResearchResult,
  ResearchResultsService,
  TechNeed,
  TechNeedsService,
} from '@techmatch/catalogue';
import { DataSource, In } from 'typeorm';
import { startTestApi, type TestApi } from '../utils/test-api.js';

const byId = <T extends { id: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

/**
 * Search and matching re-read ranked ids through JoinedReader (one statement prepared from
 * TypeORM's metadata) instead of `find`: it must give the very same entities, every column
 * converted as TypeORM converts it (dates, enum arrays, bigint yuan, nulls).
 */
describe('joined reads', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });

  afterAll(async () => {
    await api.close();
  });

  it('successful-results-with-institution: every demo result equals find() with its institution', async () => {
    const ids = (await dataSource.getRepository(ResearchResult).find({ select: { id: true } })).map(
      (row) => row.id,
    );
    expect(ids.length).toBeGreaterThan(10);
    const expected = await dataSource
      .getRepository(ResearchResult)
      .find({ where: { id: In(ids) }, relations: { institution: true } });
    const read = await api.app.get(ResearchResultsService).withInstitution(ids);
    expect(byId(read)).toEqual(byId(expected));
    expect(read[0]).toBeInstanceOf(ResearchResult);
    // The columns the conversions matter for are really there, not undefined on both sides.
    expect(read.some((row) => row.priceMinYuan !== null && row.modes.length > 0)).toBe(true);
    expect(read.every((row) => row.createdAt instanceof Date && row.institution?.nameZh)).toBe(
      true,
    );
  });

  it('successful-needs-with-enterprise: every demo need equals find() with its enterprise, nulls included', async () => {
    const ids = (await dataSource.getRepository(TechNeed).find({ select: { id: true } })).map(
      (row) => row.id,
    );
    expect(ids.length).toBeGreaterThan(5);
    const expected = await dataSource
      .getRepository(TechNeed)
      .find({ where: { id: In(ids) }, relations: { enterprise: true } });
    const read = await api.app.get(TechNeedsService).withEnterprise(ids);
    expect(byId(read)).toEqual(byId(expected));
    expect(read.some((row) => row.minTrl === null || row.budgetMaxYuan === null)).toBe(true);
  });

  it('successful-unknown-ids: ids that do not exist are absent, an empty list reads nothing', async () => {
    const results = api.app.get(ResearchResultsService);
    expect(await results.withInstitution([randomUUID()])).toEqual([]);
    expect(await results.withInstitution([])).toEqual([]);
  });
});
