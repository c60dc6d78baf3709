import { Injectable } from '@nestjs/common';
import {
  EnterprisesService,
  FieldScheme,
  InstitutionsService,
  NeedStatus,
  ResearchersService,
  ResearchResultsService,
  ResultStatus,
  TaxonomyService,
  TechNeedsService,
} from '@techmatch/catalogue';
import type { RequestContext } from '@techmatch/common';
import type { EntityManager } from 'typeorm';
import { type DemoEnterprise, type DemoNeed, type DemoResult, readDemoFile } from './demo-files.js';

export interface CatalogueSeedCounts {
  enterprises: number;
  results: number;
  needs: number;
}

/**
 * The demo catalogue: about 740 results built from real abstracts (CSL), about 100 fictional
 * enterprises across Luoyang's divisions and about 200 of their needs, loaded through the
 * catalogue's own import methods. Deterministic (the files are fixed) and idempotent (natural keys).
 */
@Injectable()
export class DemoCatalogueSeeder {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly institutions: InstitutionsService,
    private readonly enterprises: EnterprisesService,
    private readonly researchers: ResearchersService,
    private readonly results: ResearchResultsService,
    private readonly needs: TechNeedsService,
  ) {}

  async seed(ctx: RequestContext, em: EntityManager): Promise<CatalogueSeedCounts> {
    const fieldCode = await this.disciplineCodes(ctx);
    const institutionId = new Map(
      (await this.institutions.list(ctx, em)).map((i) => [i.nameZh, i.id]),
    );

    const demoEnterprises = await this.demoEnterprises();
    const enterprises = await this.enterprises.importMany(
      ctx,
      demoEnterprises.map(({ key: _key, ...row }) => row),
      em,
    );
    const enterpriseIds = await this.enterprises.idsByUscc(
      ctx,
      demoEnterprises.map((row) => row.uscc),
      em,
    );
    const enterpriseOf = new Map(
      demoEnterprises.map((row) => [row.key, enterpriseIds.get(row.uscc) ?? '']),
    );

    const demoResults = await readDemoFile<DemoResult>('csl-results.jsonl');
    const results = await this.results.importMany(
      ctx,
      demoResults.map((row) => ({
        sourceKey: row.key,
        institutionId: institutionId.get(row.institution) ?? '',
        title: row.title.slice(0, 200),
        summary: row.summary,
        confidentialDetail: row.confidentialDetail,
        fieldCodes: [fieldCode(row.discipline, row.category)].filter((code) => code !== ''),
        keywords: row.keywords.map((keyword) => keyword.slice(0, 50)),
        trl: row.trl,
        stage: row.stage,
        level: row.level,
        modes: row.modes,
        priceMinYuan: row.priceMinYuan,
        priceMaxYuan: row.priceMaxYuan,
        serviceInvention: row.serviceInvention,
        status: ResultStatus.PUBLISHED,
        patents: row.patents.map((patent) => ({
          ...patent,
          title: patent.title.slice(0, 200),
          owners: [row.institution],
        })),
      })),
      em,
    );

    const today = Date.now();
    const demoNeeds = await readDemoFile<DemoNeed>('needs.jsonl');
    const needs = await this.needs.importMany(
      ctx,
      demoNeeds.map((row) => ({
        sourceKey: row.key,
        enterpriseId: enterpriseOf.get(row.enterpriseKey) ?? '',
        title: row.title.slice(0, 200),
        description: row.description,
        problem: row.problem,
        fieldCodes: row.fieldDisciplines
          .map((name) => fieldCode(name))
          .filter((code) => code !== ''),
        keywords: row.keywords.map((keyword) => keyword.slice(0, 50)),
        minTrl: row.minTrl,
        budgetMinYuan: row.budgetMinYuan,
        budgetMaxYuan: row.budgetMaxYuan,
        deadline: new Date(today + row.deadlineInDays * 86_400_000).toISOString().slice(0, 10),
        modes: row.modes,
        status: NeedStatus.OPEN,
      })),
      em,
    );
    return { enterprises, results, needs };
  }

  /** Binds the demo researcher and enterprise accounts to an institution and an enterprise. */
  async bindDemoAccounts(
    ctx: RequestContext,
    accounts: { researcher?: { id: string; displayName: string }; enterprise?: { id: string } },
    em: EntityManager,
  ): Promise<void> {
    const demoEnterprises = await this.demoEnterprises();
    if (accounts.researcher) {
      const university = (await this.institutions.list(ctx, em)).find(
        (i) => i.nameZh === '河南科技大学',
      );
      if (university) {
        await this.researchers.bind(
          ctx,
          {
            userId: accounts.researcher.id,
            institutionId: university.id,
            displayName: accounts.researcher.displayName,
            title: '教授',
          },
          em,
        );
      }
    }
    // A county enterprise: the demo account then shows the 市研县产 side of the programme.
    const countyEnterprise =
      demoEnterprises.find((row) => row.divisionCode === '410329') ?? demoEnterprises[0];
    if (accounts.enterprise && countyEnterprise) {
      const ids = await this.enterprises.idsByUscc(ctx, [countyEnterprise.uscc], em);
      const enterpriseId = ids.get(countyEnterprise.uscc);
      if (enterpriseId)
        await this.enterprises.addMember(ctx, enterpriseId, accounts.enterprise.id, em);
    }
  }

  private enterprisesFile?: Promise<DemoEnterprise[]>;

  /** The enterprises file, read once: both seeding and the demo-account binding need it. */
  private demoEnterprises(): Promise<DemoEnterprise[]> {
    this.enterprisesFile ??= readDemoFile<DemoEnterprise>('enterprises.jsonl');
    return this.enterprisesFile;
  }

  /** Discipline name (and optionally its 门类) → field code, from the field tree. */
  private async disciplineCodes(
    ctx: RequestContext,
  ): Promise<(name: string, category?: string) => string> {
    const fields = await this.taxonomy.fields(ctx, FieldScheme.DISCIPLINE);
    const categories = new Map(fields.filter((f) => !f.parentCode).map((f) => [f.code, f.nameZh]));
    const byName = new Map<string, string>();
    for (const field of fields) {
      if (!field.parentCode) continue;
      byName.set(`${categories.get(field.parentCode)}/${field.nameZh}`, field.code);
      if (!byName.has(field.nameZh)) byName.set(field.nameZh, field.code);
    }
    return (name, category) =>
      byName.get(category ? `${category}/${name}` : name) ?? byName.get(name) ?? '';
  }
}
