import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import {
  CreateNeedInput,
  CreateResultInput,
  EnterpriseInput,
  type EnterpriseImportRow,
  EnterprisesService,
  FieldScheme,
  IndustryLevel,
  InstitutionsService,
  type NeedImportRow,
  type NeedStatus,
  normaliseUscc,
  parsePatentNumber,
  type ResultImportRow,
  type ResultStatus,
  ResearchResultsService,
  TaxonomyService,
  TechNeedsService,
} from '@techmatch/catalogue';
import {
  BadUserInputError,
  type LocalizedMessage,
  type RequestContext,
  toFieldProblems,
} from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { type HeaderMap, headerScore, mapHeaders } from './import-columns.js';
import type { ImportKind } from './import-kind.js';
import type { ImportReport } from './import-report.js';
import { ReferenceLookups } from './reference-lookups.js';
import { type ConvertedRow, convertRow, type RowProblem } from './row-converters.js';
import { readSpreadsheet, type SpreadsheetInfo } from './spreadsheet-reader.js';

/** Rows validated, checked against the catalogue and written together. */
export const IMPORT_BATCH_ROWS = 500;

/** The header row is looked for among the first rows: forms often put a title above it. */
const HEADER_SEARCH_ROWS = 10;

export interface ImportOptions {
  dryRun: boolean;
  partial: boolean;
  /** The name to report (an upload's original name); the path's own name by default. */
  fileName?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

const INPUT_CLASSES = {
  results: CreateResultInput,
  needs: CreateNeedInput,
  enterprises: EnterpriseInput,
} as const;

type ImportRow = ResultImportRow | NeedImportRow | EnterpriseImportRow;

/** A row that passed the input rules, with its natural key. */
interface ValidRow {
  converted: ConvertedRow;
  key: string;
  data: ImportRow;
}

/** The state of one attempt (a retried transaction starts a fresh one). */
class ImportRun {
  header: HeaderMap | null = null;
  headerRow = 0;
  rows = 0;
  accepted = 0;
  created = 0;
  alreadyPresent = 0;
  rejectedRows = 0;
  readonly problems: RowProblem[] = [];
  /** Natural keys and patent numbers seen so far, with their rows: duplicates inside the file. */
  readonly seenKeys = new Map<string, number>();
  readonly seenPatents = new Map<string, number>();
  pending: ConvertedRow[] = [];

  constructor(
    readonly kind: ImportKind,
    readonly options: ImportOptions,
    readonly lookups: ReferenceLookups,
  ) {}

  reject(problems: RowProblem[]): void {
    this.rejectedRows++;
    this.problems.push(...problems);
  }

  /** Whether rows are still written: not in a dry run, nor once all-or-nothing has failed. */
  get writing(): boolean {
    return !this.options.dryRun && (this.options.partial || this.rejectedRows === 0);
  }
}

/** Thrown to roll the transaction back once the report is known (dry run, all-or-nothing). */
class RollBack extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

const hashKey = (prefix: string, ...parts: string[]): string =>
  `${prefix}${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;

/**
 * Spreadsheet imports of results, needs and enterprises (CSV or XLSX, streamed). Each row is read
 * into the GraphQL input of its kind and checked by that input's own class-validator rules and the
 * reference data, then written through the catalogue's importMany in batches, in one transaction
 * (so the search outbox rows go with them): all or nothing by default, the valid rows with
 * `partial`, nothing with `dryRun`. Rows the catalogue holds already (same natural key) are
 * skipped, so importing a file twice adds nothing.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly tx: TransactionService,
    private readonly taxonomy: TaxonomyService,
    private readonly institutions: InstitutionsService,
    private readonly results: ResearchResultsService,
    private readonly needs: TechNeedsService,
    private readonly enterprises: EnterprisesService,
  ) {}

  async importFile(
    ctx: RequestContext,
    kind: ImportKind,
    path: string,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const started = performance.now();
    const lookups = await this.lookups(ctx);
    try {
      return await this.tx.run(async (em) => {
        // Two imports of one kind (two uploads of one file, on any replica) take turns: each
        // checks its natural keys against what the other has committed, never against a write
        // still in flight (which would end in a unique-key violation instead of "already present").
        if (!options.dryRun) {
          await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
            `techmatch:import:${kind}`,
          ]);
        }
        const run = new ImportRun(kind, options, lookups);
        const info = await this.readAll(ctx, run, path, em);
        const report = this.report(run, info, path, started);
        if (!report.committed) throw new RollBack(report);
        return report;
      });
    } catch (error) {
      if (error instanceof RollBack) return error.report;
      throw error;
    }
  }

  private async readAll(
    ctx: RequestContext,
    run: ImportRun,
    path: string,
    em: EntityManager,
  ): Promise<SpreadsheetInfo> {
    const { info, rows } = await readSpreadsheet(path, (progress) =>
      run.options.onProgress?.({
        bytesRead: progress.bytesRead,
        totalBytes: progress.totalBytes,
        rows: run.rows,
      }),
    );
    for await (const { row, cells } of rows) {
      if (cells.every((cell) => cell.trim() === '')) continue;
      if (!run.header) {
        if (headerScore(run.kind, cells) >= 2) {
          run.header = this.checkedHeader(run.kind, cells);
          run.headerRow = row;
        } else if (row >= HEADER_SEARCH_ROWS) {
          break;
        }
        continue;
      }
      run.rows++;
      run.pending.push(convertRow(run.kind, run.header, cells, row, run.lookups));
      if (run.pending.length >= IMPORT_BATCH_ROWS) await this.flush(ctx, run, em);
    }
    if (!run.header) {
      throw new BadUserInputError({
        zh: `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（如 ${this.example(run.kind)}），请检查文件和导入类型`,
        en: `no header row (such as ${this.example(run.kind)}) in the first ${HEADER_SEARCH_ROWS} rows; check the file and the import kind`,
      });
    }
    await this.flush(ctx, run, em);
    run.options.onProgress?.({
      bytesRead: info.totalBytes,
      totalBytes: info.totalBytes,
      rows: run.rows,
    });
    return info;
  }

  private example(kind: ImportKind): string {
    return {
      results: '成果名称、完成单位',
      needs: '需求名称、企业名称',
      enterprises: '企业名称、统一社会信用代码',
    }[kind];
  }

  /** The header map, or a refusal of the whole file when required columns are missing. */
  private checkedHeader(kind: ImportKind, cells: string[]): HeaderMap {
    const header = mapHeaders(kind, cells);
    if (header.missing.length > 0 || header.duplicated.length > 0) {
      const missing = header.missing.map((column) => column.headers[0] ?? column.key);
      throw new BadUserInputError({
        zh: [
          missing.length ? `缺少必填列：${missing.join('、')}` : '',
          header.duplicated.length ? `重复的列：${header.duplicated.join('、')}` : '',
        ]
          .filter(Boolean)
          .join('；'),
        en: [
          missing.length ? `required columns missing: ${missing.join(', ')}` : '',
          header.duplicated.length ? `columns repeated: ${header.duplicated.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
    return header;
  }

  /** Validates, de-duplicates and (when writing) stores the pending rows. */
  private async flush(ctx: RequestContext, run: ImportRun, em: EntityManager): Promise<void> {
    const batch = run.pending;
    run.pending = [];
    if (batch.length === 0) return;
    if (run.kind === 'needs') await this.resolveEnterprises(ctx, batch, em);

    const valid: ValidRow[] = [];
    for (const converted of batch) {
      const problems = [...converted.problems, ...(await this.validate(run.kind, converted))];
      const data = problems.length === 0 ? this.importRow(run.kind, converted) : null;
      if (!data) {
        run.reject(problems);
        continue;
      }
      const key = this.naturalKey(run.kind, data);
      const first = run.seenKeys.get(key);
      if (first !== undefined) {
        run.reject([
          {
            row: converted.row,
            column: converted.columnOf(this.keyProperty(run.kind)),
            reason: {
              zh: `与第 ${first} 行重复（同一${this.keyLabel(run.kind).zh}）`,
              en: `repeats row ${first} (the same ${this.keyLabel(run.kind).en})`,
            },
          },
        ]);
        continue;
      }
      run.seenKeys.set(key, converted.row);
      valid.push({ converted, key, data });
    }

    const present = await this.existing(ctx, run.kind, valid, em);
    const fresh = valid.filter((row) => !present.has(row.key));
    const storable = run.kind === 'results' ? await this.checkPatents(ctx, run, fresh, em) : fresh;
    run.accepted += storable.length + (valid.length - fresh.length);
    run.alreadyPresent += valid.length - fresh.length;
    if (run.options.dryRun) {
      run.created += storable.length;
    } else if (run.writing && storable.length > 0) {
      run.created += await this.write(ctx, run.kind, storable, em);
    }
  }

  private async validate(kind: ImportKind, converted: ConvertedRow): Promise<RowProblem[]> {
    const inputClass: new () => object = INPUT_CLASSES[kind];
    const input = plainToInstance(inputClass, converted.input);
    const errors = await validate(input, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    });
    // A column whose cell could not even be read has said why; the rules would only repeat it.
    const unreadable = new Set(converted.problems.map((problem) => problem.column));
    converted.input = input as unknown as Record<string, unknown>;
    return toFieldProblems(errors)
      .map((problem) => {
        const column = converted.columnOf(problem.path);
        return {
          row: converted.row,
          column,
          reason: {
            zh: problem.message.zh.replaceAll(problem.path, column),
            en: problem.message.en,
          },
        };
      })
      .filter((problem) => !unreadable.has(problem.column));
  }

  /** The validated input as a catalogue import row. */
  private importRow(kind: ImportKind, converted: ConvertedRow): ImportRow {
    if (kind === 'enterprises') {
      const input = converted.input as unknown as EnterpriseInput;
      return {
        name: input.name,
        uscc: input.uscc,
        divisionCode: input.divisionCode,
        industryCode: input.industryCode,
        qualifications: input.qualifications,
        cultivationTier: input.cultivationTier ?? null,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
      } satisfies EnterpriseImportRow;
    }
    if (kind === 'needs') {
      const input = converted.input as unknown as CreateNeedInput;
      const enterpriseId = input.enterpriseId ?? '';
      return {
        sourceKey: converted.sourceKey ?? hashKey('import:need:', enterpriseId, input.title),
        enterpriseId,
        title: input.title,
        description: input.description,
        problem: input.problem,
        fieldCodes: input.fieldCodes,
        keywords: input.keywords,
        minTrl: input.minTrl ?? null,
        budgetMinYuan: input.budgetMinYuan ?? null,
        budgetMaxYuan: input.budgetMaxYuan ?? null,
        deadline: input.deadline ?? null,
        modes: input.modes,
        status: converted.status as NeedStatus,
      } satisfies NeedImportRow;
    }
    const input = converted.input as unknown as CreateResultInput;
    const institutionId = input.institutionId ?? '';
    return {
      sourceKey: converted.sourceKey ?? hashKey('import:result:', institutionId, input.title),
      institutionId,
      title: input.title,
      summary: input.summary,
      confidentialDetail: input.confidentialDetail ?? null,
      fieldCodes: input.fieldCodes,
      keywords: input.keywords,
      trl: input.trl,
      stage: input.stage,
      level: input.level,
      modes: input.modes,
      priceMinYuan: input.priceMinYuan ?? null,
      priceMaxYuan: input.priceMaxYuan ?? null,
      serviceInvention: input.serviceInvention,
      status: converted.status as ResultStatus,
      patents: input.patents.map((patent) => ({
        number: parsePatentNumber(patent.number)?.normalised ?? patent.number,
        title: patent.title,
        kind: patent.kind,
        legalStatus: patent.legalStatus,
        owners: patent.owners,
        openLicence: patent.openLicence,
        openLicenceFeeYuan: patent.openLicenceFeeYuan ?? null,
        filedOn: patent.filedOn ?? null,
        grantedOn: patent.grantedOn ?? null,
        expiresOn: patent.expiresOn ?? null,
      })),
    } satisfies ResultImportRow;
  }

  private naturalKey(kind: ImportKind, data: ImportRow): string {
    if (kind === 'enterprises') return (data as EnterpriseImportRow).uscc;
    return (data as ResultImportRow | NeedImportRow).sourceKey;
  }

  private keyProperty(kind: ImportKind): string {
    return kind === 'enterprises' ? 'uscc' : 'title';
  }

  private keyLabel(kind: ImportKind): LocalizedMessage {
    return {
      results: {
        zh: '完成单位和成果名称（或成果编号）',
        en: 'institution and title (or source key)',
      },
      needs: { zh: '企业和需求名称（或需求编号）', en: 'enterprise and title (or source key)' },
      enterprises: { zh: '统一社会信用代码', en: 'credit code' },
    }[kind];
  }

  /** Natural keys among these rows that the catalogue holds already. */
  private async existing(
    ctx: RequestContext,
    kind: ImportKind,
    rows: ValidRow[],
    em: EntityManager,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    if (kind === 'enterprises') {
      const ids = await this.enterprises.idsByUscc(
        ctx,
        rows.map((row) => row.key),
        em,
      );
      return new Set(ids.keys());
    }
    if (kind === 'needs') {
      return this.needs.existingImportKeys(
        ctx,
        rows.map(({ converted, data }) => {
          const { sourceKey, enterpriseId, title } = data as NeedImportRow;
          return converted.sourceKey ? { sourceKey } : { sourceKey, enterpriseId, title };
        }),
        em,
      );
    }
    // A row with its own 成果编号 is that key; one without, its institution and title.
    return this.results.existingImportKeys(
      ctx,
      rows.map(({ converted, data }) => {
        const { sourceKey, institutionId, title } = data as ResultImportRow;
        return converted.sourceKey ? { sourceKey } : { sourceKey, institutionId, title };
      }),
      em,
    );
  }

  /** A patent backs one result: refuses rows naming one registered already, or named earlier. */
  private async checkPatents(
    ctx: RequestContext,
    run: ImportRun,
    rows: ValidRow[],
    em: EntityManager,
  ): Promise<ValidRow[]> {
    const numbers = rows.flatMap((row) =>
      (row.data as ResultImportRow).patents.map((patent) => patent.number),
    );
    const registered = await this.results.registeredPatentNumbers(ctx, numbers, em);
    return rows.filter((row) => {
      const own = (row.data as ResultImportRow).patents.map((patent) => patent.number);
      const taken = own.filter((number) => registered.has(number));
      const earlier = own.filter((number) => run.seenPatents.has(number));
      const repeated = own.filter((number, index) => own.indexOf(number) !== index);
      const reasons: LocalizedMessage[] = [];
      if (taken.length)
        reasons.push({
          zh: `专利已登记在其他成果下：${taken.join('、')}`,
          en: `patents already registered with another result: ${taken.join(', ')}`,
        });
      if (earlier.length)
        reasons.push({
          zh: `专利已在第 ${earlier.map((n) => run.seenPatents.get(n)).join('、')} 行出现：${earlier.join('、')}`,
          en: `patents already named in row ${earlier.map((n) => run.seenPatents.get(n)).join(', ')}: ${earlier.join(', ')}`,
        });
      if (repeated.length)
        reasons.push({
          zh: `专利号重复：${repeated.join('、')}`,
          en: `patent numbers repeated: ${repeated.join(', ')}`,
        });
      if (reasons.length > 0) {
        const column = row.converted.columnOf('patents');
        run.reject(reasons.map((reason) => ({ row: row.converted.row, column, reason })));
        run.seenKeys.delete(row.key);
        return false;
      }
      for (const number of own) run.seenPatents.set(number, row.converted.row);
      return true;
    });
  }

  private async write(
    ctx: RequestContext,
    kind: ImportKind,
    rows: ValidRow[],
    em: EntityManager,
  ): Promise<number> {
    const data = rows.map((row) => row.data);
    if (kind === 'enterprises')
      return this.enterprises.importMany(ctx, data as EnterpriseImportRow[], em);
    if (kind === 'needs') return this.needs.importMany(ctx, data as NeedImportRow[], em);
    return this.results.importMany(ctx, data as ResultImportRow[], em);
  }

  /** Needs name their enterprise by credit code or by name; either must be registered. */
  private async resolveEnterprises(
    ctx: RequestContext,
    batch: ConvertedRow[],
    em: EntityManager,
  ): Promise<void> {
    const usccs = batch.flatMap((row) =>
      row.enterprise?.uscc ? [normaliseUscc(row.enterprise.uscc)] : [],
    );
    const names = batch.flatMap((row) =>
      row.enterprise?.name && !row.enterprise.uscc ? [row.enterprise.name] : [],
    );
    const byUscc = usccs.length ? await this.enterprises.idsByUscc(ctx, usccs, em) : new Map();
    const byName = names.length ? await this.enterprises.idsByName(ctx, names, em) : new Map();
    for (const row of batch) {
      const { uscc, name } = row.enterprise ?? { uscc: null, name: null };
      if (uscc) {
        const id = byUscc.get(normaliseUscc(uscc)) as string | undefined;
        if (id) row.input.enterpriseId = id;
        else
          row.problems.push({
            row: row.row,
            column: row.columnOf('enterpriseId'),
            reason: {
              zh: `未登记的企业（统一社会信用代码 ${uscc}），请先导入企业`,
              en: `no registered enterprise with credit code ${uscc}; import the enterprise first`,
            },
          });
      } else if (name) {
        const ids = (byName.get(name) as string[] | undefined) ?? [];
        if (ids.length === 1) row.input.enterpriseId = ids[0];
        else
          row.problems.push({
            row: row.row,
            column: row.columnOf('enterpriseId'),
            reason:
              ids.length === 0
                ? {
                    zh: `未登记的企业“${name}”，请先导入企业或填写统一社会信用代码`,
                    en: `no registered enterprise named "${name}"; import it first or give its credit code`,
                  }
                : {
                    zh: `有 ${ids.length} 家企业名为“${name}”，请填写统一社会信用代码`,
                    en: `${ids.length} enterprises are named "${name}"; give the credit code`,
                  },
          });
      }
    }
  }

  /** Reference data for one import, read once. */
  private async lookups(ctx: RequestContext): Promise<ReferenceLookups> {
    const [disciplines, highTech, divisions, zones, industryDivisions, institutions] =
      await Promise.all([
        this.taxonomy.fields(ctx, FieldScheme.DISCIPLINE),
        this.taxonomy.fields(ctx, FieldScheme.HIGH_TECH),
        this.taxonomy.divisions(ctx),
        this.taxonomy.developmentZones(ctx),
        this.taxonomy.industries(ctx, IndustryLevel.DIVISION),
        this.institutions.list(ctx),
      ]);
    return new ReferenceLookups({
      fields: [...disciplines, ...highTech],
      divisions,
      zones,
      industryDivisions,
      institutions,
    });
  }

  /** Problems by row, and within a row in the order of the file's columns. */
  private ordered(run: ImportRun): RowProblem[] {
    const position = new Map(
      [...(run.header?.columns.values() ?? [])].map((mapped) => [mapped.header, mapped.index]),
    );
    const at = (problem: RowProblem): number =>
      position.get(problem.column) ?? Number.MAX_SAFE_INTEGER;
    return run.problems.sort((a, b) => a.row - b.row || at(a) - at(b));
  }

  private report(
    run: ImportRun,
    info: SpreadsheetInfo,
    path: string,
    started: number,
  ): ImportReport {
    const { dryRun, partial } = run.options;
    const rejected = run.rejectedRows > 0;
    const outcome = dryRun ? 'DRY_RUN' : !rejected ? 'IMPORTED' : partial ? 'PARTIAL' : 'REJECTED';
    const committed = outcome === 'IMPORTED' || outcome === 'PARTIAL';
    return {
      kind: run.kind,
      file: run.options.fileName ?? basename(path),
      format: info.format,
      encoding: info.encoding ?? null,
      dryRun,
      partial,
      outcome,
      committed,
      rows: run.rows,
      accepted: run.accepted,
      created: outcome === 'REJECTED' ? 0 : run.created,
      alreadyPresent: run.alreadyPresent,
      rejectedRows: run.rejectedRows,
      problems: this.ordered(run),
      headerRow: run.headerRow,
      ignoredColumns: run.header?.ignored ?? [],
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  }
}
