import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CatalogueAccess,
  PUBLIC_NEED_STATUSES,
  ResearchResultsService,
  TechNeedsService,
} from '@techmatch/catalogue';
import {
  type ConnectionShape,
  ForbiddenError,
  NotFoundError,
  paginateBy,
  RequestContext,
  Role,
} from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { DataSource, type EntityManager } from 'typeorm';
import type { MatchPageArgs, SetMatchStatusInput } from '../dto/match.args.js';
import { Match } from '../entities/match.entity.js';
import { MatchStatus } from '../entities/match-status.js';
import { MatchStatusChange } from '../entities/match-status-change.entity.js';
import { needFingerprint, resultFingerprint } from './fingerprints.js';

const MATCH = { zh: '匹配', en: 'match' };
const NOT_YOURS = {
  zh: '只有技术经纪人和需求所属企业可以查看或处理该需求的匹配',
  en: "Only brokers and the need's own enterprise may see or act on its matches",
};
/** Statuses an enterprise may set; IN_DEAL is set when a deal is opened. */
const ENTERPRISE_STATUSES = [
  MatchStatus.SUGGESTED,
  MatchStatus.SHORTLISTED,
  MatchStatus.DISMISSED,
  MatchStatus.CONTACTED,
];
const IN_DEAL_NOTE = '已发起交易|A deal was opened on this pair';
const SHOWN_BY_DEFAULT = Object.values(MatchStatus).filter((s) => s !== MatchStatus.DISMISSED);

/** Reading stored matches and moving their statuses, with who may do what. */
@Injectable()
export class MatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly access: CatalogueAccess,
    private readonly needs: TechNeedsService,
    private readonly results: ResearchResultsService,
  ) {}

  /** A need's matches, best first: for brokers and the need's own enterprise. */
  async forNeed(
    ctx: RequestContext,
    needId: string,
    page: MatchPageArgs,
  ): Promise<ConnectionShape<Match>> {
    const need = await this.needs.findVisible(ctx, needId);
    if (!this.access.isStaff(ctx) && (await this.access.enterpriseOf(ctx)) !== need.enterpriseId)
      throw new ForbiddenError(NOT_YOURS);
    const query = this.dataSource
      .getRepository(Match)
      .createQueryBuilder('match')
      .where('match.need_id = :needId', { needId })
      .andWhere('match.status IN (:...statuses)', {
        statuses: page.statuses ?? SHOWN_BY_DEFAULT,
      });
    return paginateBy(query, page, {
      column: 'match.score',
      kind: 'number',
      value: (m) => m.score,
    });
  }

  /**
   * The live needs a result is matched to: for brokers and the researchers of the result's
   * institution (who see the need, never the enterprise's contact details).
   */
  async forResult(
    ctx: RequestContext,
    resultId: string,
    page: MatchPageArgs,
  ): Promise<ConnectionShape<Match>> {
    const result = await this.results.findVisible(ctx, resultId);
    const staff = this.access.isStaff(ctx);
    if (!staff && (await this.access.institutionOf(ctx)) !== result.institutionId)
      throw new ForbiddenError({
        zh: '只有技术经纪人和成果所属单位的科研人员可以查看该成果的匹配',
        en: "Only brokers and researchers of the result's institution may see its matches",
      });
    const query = this.dataSource
      .getRepository(Match)
      .createQueryBuilder('match')
      .innerJoin('match.need', 'need')
      .where('match.result_id = :resultId', { resultId })
      .andWhere('match.status IN (:...statuses)', {
        statuses: page.statuses ?? SHOWN_BY_DEFAULT,
      });
    if (!staff) query.andWhere('need.status IN (:...live)', { live: PUBLIC_NEED_STATUSES });
    return paginateBy(query, page, {
      column: 'match.score',
      kind: 'number',
      value: (m) => m.score,
    });
  }

  /** NOT_FOUND for a need that does not exist (or that the caller may not see). */
  async assertNeedExists(ctx: RequestContext, needId: string): Promise<void> {
    await this.needs.findVisible(ctx, needId);
  }

  /** Moves a match to a status, with a note; brokers, or the need's enterprise (not IN_DEAL). */
  async setStatus(ctx: RequestContext, input: SetMatchStatusInput): Promise<Match> {
    const actor = ctx.requireActor();
    return this.transactions.run(async (em) => {
      const match = await em.findOne(Match, {
        where: { id: input.matchId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!match) throw new NotFoundError(MATCH, input.matchId);
      const [need] = await this.needs.withEnterprise([match.needId]);
      const staff = this.access.isStaff(ctx);
      const ownEnterprise =
        ctx.hasRole(Role.ENTERPRISE) &&
        (await this.access.enterpriseOf(ctx)) === need?.enterpriseId;
      if (!staff && !ownEnterprise) throw new ForbiddenError(NOT_YOURS);
      if (!staff && !ENTERPRISE_STATUSES.includes(input.status))
        throw new ForbiddenError({
          zh: '“已进入交易”状态由交易创建时设置',
          en: 'IN_DEAL is set when a deal is opened on the match',
        });

      const from = match.status;
      match.status = input.status;
      match.statusNote = input.note ?? null;
      match.statusChangedAt = new Date();
      if (input.status === MatchStatus.DISMISSED && need) {
        // Remember both sides as they are now: only a material change brings the pair back.
        const [result] = await this.results.withInstitution([match.resultId]);
        match.needFingerprint = needFingerprint(need);
        if (result) match.resultFingerprint = resultFingerprint(result);
      }
      const saved = await em.save(match);
      await em.insert(MatchStatusChange, {
        matchId: match.id,
        fromStatus: from,
        toStatus: input.status,
        note: input.note ?? null,
        actorUserId: actor.userId,
      });
      return saved;
    });
  }

  /**
   * A deal was opened on this pair: its match (if there is one) becomes IN_DEAL, in the deal's own
   * transaction, with a history row. Idempotent; no match, nothing to do.
   */
  async markInDeal(
    em: EntityManager,
    needId: string,
    resultId: string,
    actorUserId: string,
  ): Promise<void> {
    const match = await em.findOne(Match, {
      where: { needId, resultId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!match || match.status === MatchStatus.IN_DEAL) return;
    const from = match.status;
    await em.update(
      Match,
      { id: match.id },
      { status: MatchStatus.IN_DEAL, statusNote: IN_DEAL_NOTE, statusChangedAt: new Date() },
    );
    await em.insert(MatchStatusChange, {
      matchId: match.id,
      fromStatus: from,
      toStatus: MatchStatus.IN_DEAL,
      note: IN_DEAL_NOTE,
      actorUserId,
    });
  }

  history(matchId: string): Promise<MatchStatusChange[]> {
    return this.dataSource
      .getRepository(MatchStatusChange)
      .find({ where: { matchId }, order: { createdAt: 'ASC' } });
  }
}
