import { Inject, Injectable } from '@nestjs/common';
import { InstitutionsService, TaxonomyService } from '@techmatch/catalogue';
import {
  CLOCK,
  type Clock,
  ForbiddenError,
  invalidFields,
  type RequestContext,
  Role,
} from '@techmatch/common';
import { ReportBasis, type ReportPeriod } from './dto/report.model.js';
import { type ReportFilter, ReportGranularity } from './dto/report-filter.input.js';
import {
  addDays,
  bucketCount,
  bucketStart,
  chinaDate,
  chinaMidnight,
  shiftBucket,
} from './report-period.js';
import type { SqlFilter } from './report-sql.js';

/** A time series shows at most ten years of months. */
export const MAX_BUCKETS = 120;

export interface ResolvedFilter {
  sql: SqlFilter;
  period: ReportPeriod;
}

export interface ResolvedSeries extends ResolvedFilter {
  firstBucket: string;
  lastBucket: string;
}

/**
 * Who may read reports, and what a report filter means in SQL terms: the period as instants in
 * China time, the snapshot instant, the field with its sub-fields. Codes and ids are checked against
 * the catalogue, so that a typo is an error rather than a report of zeros.
 */
@Injectable()
export class ReportFilters {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly institutions: InstitutionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Brokers and admins; a context without an actor is the service itself (CLI, benchmarks). */
  assertReader(ctx: RequestContext): void {
    if (ctx.actor && !ctx.hasRole(Role.BROKER, Role.ADMIN))
      throw new ForbiddenError({
        zh: '市研县产报表仅供技术经纪人和科技局管理员查看',
        en: 'Programme reports are for brokers and admins',
      });
  }

  async resolve(ctx: RequestContext, filter: ReportFilter | null | undefined) {
    const given = filter ?? {};
    if (given.from && given.to && given.from > given.to)
      throw invalidFields([
        {
          path: 'filter.to',
          constraints: ['notBefore'],
          message: {
            zh: '期间结束日期不能早于开始日期',
            en: 'The period cannot end before it starts',
          },
        },
      ]);
    await this.assertKnown(ctx, given);
    return this.build(given, given.from ?? null, given.to ?? null);
  }

  /** A series covers whole buckets: the period widened to the months (quarters) it touches. */
  async resolveSeries(
    ctx: RequestContext,
    filter: ReportFilter | null | undefined,
    granularity: ReportGranularity,
  ): Promise<ResolvedSeries> {
    const given = filter ?? {};
    const today = chinaDate(this.clock.now());
    const lastBucket = bucketStart(given.to ?? today, granularity);
    // Without a start: the year up to the last bucket (twelve months, four quarters).
    const firstBucket = given.from
      ? bucketStart(given.from, granularity)
      : shiftBucket(lastBucket, granularity, granularity === ReportGranularity.MONTH ? -11 : -3);
    const count = bucketCount(firstBucket, lastBucket, granularity);
    if (count < 1 || count > MAX_BUCKETS)
      throw invalidFields([
        {
          path: count < 1 ? 'filter.to' : 'filter.from',
          constraints: ['seriesLength'],
          message: {
            zh: `时间序列须为 1 至 ${MAX_BUCKETS} 段`,
            en: `A time series has 1 to ${MAX_BUCKETS} buckets`,
          },
        },
      ]);
    await this.assertKnown(ctx, given);
    const to = addDays(shiftBucket(lastBucket, granularity), -1);
    return { ...(await this.build(given, firstBucket, to)), firstBucket, lastBucket };
  }

  private async build(
    given: ReportFilter,
    from: string | null,
    to: string | null,
  ): Promise<ResolvedFilter> {
    const now = this.clock.now();
    const end = to ? chinaMidnight(addDays(to, 1)) : null;
    const asOf = end && end < now ? end : now;
    const sql: SqlFilter = {
      from: from ? chinaMidnight(from) : null,
      to: end,
      asOf,
      divisionCode: given.divisionCode ?? undefined,
      institutionId: given.institutionId ?? undefined,
      institutionKind: given.institutionKind ?? undefined,
      fieldCodes: given.fieldCode
        ? await this.taxonomy.withDescendants([given.fieldCode])
        : undefined,
      dealKind: given.dealKind ?? undefined,
    };
    return { sql, period: { from, to, asOf, basis: ReportBasis.LIVE } };
  }

  private async assertKnown(ctx: RequestContext, given: ReportFilter): Promise<void> {
    await this.taxonomy.assertKnown({
      ...(given.divisionCode
        ? { divisionCode: { path: 'filter.divisionCode', code: given.divisionCode } }
        : {}),
      ...(given.fieldCode
        ? { fieldCodes: { path: 'filter.fieldCode', codes: [given.fieldCode] } }
        : {}),
    });
    // NOT_FOUND, as for any other id that names nothing.
    if (given.institutionId) await this.institutions.findById(ctx, given.institutionId);
  }
}
