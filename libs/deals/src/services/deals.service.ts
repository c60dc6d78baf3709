import { MatchesService } from '@techmatch/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EnterprisesService,
  InstitutionsService,
  ResearchResultsService,
  TechNeedsService,
} from '@techmatch/catalogue';
import {
  type ConnectionShape,
  ForbiddenError,
  type FieldProblem,
  invalidFields,
  NotFoundError,
  paginate,
  type RequestContext,
  Role,
} from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { DataSource, type EntityManager } from 'typeorm';
import type { DealListArgs } from '../dto/deal-list.args.js';
import type { OpenDealInput } from '../dto/open-deal.input.js';
import type { TransitionDealInput } from '../dto/transition-deal.input.js';
import { Deal } from '../entities/deal.entity.js';
import { DealEvent } from '../entities/deal-event.entity.js';
import {
  DealEventType,
  DealKind,
  DealSide,
  DealState,
  OfferStatus,
} from '../entities/deal-enums.js';
import { DealOffer } from '../entities/deal-offer.entity.js';
import { DealPatent } from '../entities/deal-patent.entity.js';
import { InstalmentSchedules } from '../payments/instalment-schedules.service.js';
import { type DealAction, nextDealState } from '../state/deal-transitions.js';
import { DEAL, DealAccess } from './deal-access.service.js';
import { DealChanges, type LockedDeal } from './deal-changes.service.js';
import { DealNotifier } from './deal-notifier.service.js';

const DEFAULT_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;
const FINAL_STATES = [
  DealState.CONVERTED,
  DealState.RETURNED,
  DealState.EXPIRED,
  DealState.LICENSED,
  DealState.WITHDRAWN,
];

const invalid = (path: string, constraint: string, zh: string, en: string): FieldProblem => ({
  path: `input.${path}`,
  constraints: [constraint],
  message: { zh, en },
});

/**
 * Deals: opening them, reading them (each caller sees the deals they take part in) and moving
 * them through the lifecycle table. Offers and acceptance are in DealOffersService; every change
 * goes through DealChanges (row lock, version check, one event).
 */
@Injectable()
export class DealsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly access: DealAccess,
    private readonly changes: DealChanges,
    private readonly notifier: DealNotifier,
    private readonly needs: TechNeedsService,
    private readonly results: ResearchResultsService,
    private readonly enterprises: EnterprisesService,
    private readonly institutions: InstitutionsService,
    private readonly matches: MatchesService,
    private readonly schedules: InstalmentSchedules,
  ) {}

  /**
   * Opens a deal in PROPOSED: brokers on anything, an enterprise only on its own need. The
   * enterprise is the need's, the institution the result's; patents must be the result's own.
   */
  async open(ctx: RequestContext, input: OpenDealInput): Promise<Deal> {
    const actor = ctx.requireActor();
    const staff = this.access.isStaff(ctx);
    if (!staff && !ctx.hasRole(Role.ENTERPRISE))
      throw new ForbiddenError({
        zh: '只有技术经纪人或需求所属企业可以发起交易',
        en: 'Only brokers, or the enterprise for its own need, may open a deal',
      });
    const problems: FieldProblem[] = [];
    if (!input.needId && !input.resultId)
      problems.push(
        invalid('needId', 'needOrResult', '请指定需求或成果', 'Name a need, a result, or both'),
      );
    const need = input.needId ? await this.needs.findVisible(ctx, input.needId) : null;
    if (!staff && (!need || need.enterpriseId !== (await this.access.enterpriseOf(ctx))))
      throw new ForbiddenError({
        zh: '企业只能就本企业的需求发起交易',
        en: 'An enterprise may open deals only on its own needs',
      });
    const result = input.resultId ? await this.results.findVisible(ctx, input.resultId) : null;
    const enterpriseId = need?.enterpriseId ?? input.enterpriseId ?? null;
    const institutionId = result?.institutionId ?? input.institutionId ?? null;
    if (need && input.enterpriseId && input.enterpriseId !== need.enterpriseId)
      problems.push(
        invalid(
          'enterpriseId',
          'needEnterprise',
          '企业须为需求所属企业',
          "enterpriseId must be the need's enterprise",
        ),
      );
    if (!enterpriseId)
      problems.push(
        invalid(
          'enterpriseId',
          'required',
          '没有需求时须指定企业',
          'enterpriseId is needed without a need',
        ),
      );
    if (result && input.institutionId && input.institutionId !== result.institutionId)
      problems.push(
        invalid(
          'institutionId',
          'resultInstitution',
          '机构须为成果所属机构',
          "institutionId must be the result's institution",
        ),
      );
    if (!institutionId)
      problems.push(
        invalid(
          'institutionId',
          'required',
          '没有成果时须指定机构',
          'institutionId is needed without a result',
        ),
      );
    const patentIds = [...new Set(input.patentIds.map((id) => id.toLowerCase()))];
    if (patentIds.length > 0) {
      const own = new Set(
        result ? (await this.results.patentsOf([result.id])).map((p) => p.id) : [],
      );
      if (patentIds.some((id) => !own.has(id)))
        problems.push(
          invalid(
            'patentIds',
            'resultPatents',
            '专利须属于所选成果',
            'patentIds must be patents of the result',
          ),
        );
    } else if (input.kind !== DealKind.JOINT_DEVELOPMENT)
      problems.push(
        invalid(
          'patentIds',
          'required',
          '许可或转让须至少包含一项专利',
          `A ${input.kind} deal needs at least one patent`,
        ),
      );
    if (problems.length > 0) throw invalidFields(problems);
    const enterprise = await this.enterprises.findById(ctx, enterpriseId ?? '');
    if (!result) await this.institutions.findById(ctx, institutionId ?? '');

    const audience = await this.notifier.audience({
      enterpriseId: enterprise.id,
      resultId: result?.id ?? null,
    });
    return this.tx.run(async (em) => {
      const deal = await em.save(
        em.create(Deal, {
          kind: input.kind,
          title: input.title,
          state: DealState.PROPOSED,
          version: 1,
          needId: need?.id ?? null,
          resultId: result?.id ?? null,
          enterpriseId: enterprise.id,
          institutionId: institutionId ?? '',
          divisionCode: enterprise.divisionCode,
          brokerUserId: staff ? actor.userId : null,
          openedByUserId: actor.userId,
          territoryCodes: [],
        }),
      );
      if (need && result) await this.matches.markInDeal(em, need.id, result.id, actor.userId);
      if (patentIds.length > 0)
        await em.insert(
          DealPatent,
          patentIds.map((patentId) => ({ dealId: deal.id, patentId })),
        );
      const side = staff ? DealSide.BROKER : DealSide.ENTERPRISE;
      await this.changes.opened(em, deal, side, actor.userId, input.note ?? null);
      await this.notifier.changed(em, deal, audience, DealEventType.OPENED, actor.userId);
      return deal;
    });
  }

  /**
   * One lifecycle move. A context without an actor is the scheduler (SYSTEM): that is how the
   * SYSTEM moves are made, and why GraphQL (always authenticated) can never make them.
   */
  async transition(ctx: RequestContext, input: TransitionDealInput): Promise<Deal> {
    const audience = await this.notifier.audience(await this.changes.prepare(ctx, input.dealId));
    return this.tx.run(async (em) => {
      const locked = await this.changes.lock(em, ctx, input.dealId, input.version);
      return this.applyStep(em, locked, input.action, {
        actorUserId: ctx.actor?.userId ?? null,
        note: input.note ?? null,
        audience,
      });
    });
  }

  /**
   * The move itself, on a deal the caller has locked in `em`'s transaction: by `transition` (row
   * lock and version check) or by the scheduler (SKIP LOCKED, state re-checked). Same state table,
   * event and notifications either way. A conversion is due `conversionGraceDays` after the trial
   * ended, not after the move: a scheduler catching up after downtime extends nobody's grace.
   * `audience` comes from DealNotifier.audience, read before the transaction.
   */
  async applyStep(
    em: EntityManager,
    locked: LockedDeal,
    action: DealAction,
    by: { actorUserId: string | null; note: string | null; audience: string[] },
  ): Promise<Deal> {
    const { deal, side } = locked;
    const from = deal.state;
    deal.state = nextDealState(from, deal.kind, action, side);
    const now = this.changes.now();
    if (deal.state === DealState.CONVERSION_DUE) {
      const agreed = deal.agreedOfferId
        ? await em.findOneBy(DealOffer, { id: deal.agreedOfferId })
        : null;
      const grace = agreed?.conversionGraceDays ?? DEFAULT_GRACE_DAYS;
      deal.conversionDueBy = new Date((deal.trialEndsAt ?? now).getTime() + grace * DAY_MS);
    }
    if (FINAL_STATES.includes(deal.state)) deal.closedAt = now;
    // Offers still open die with the negotiation.
    if (deal.state === DealState.WITHDRAWN && deal.currentOfferId) {
      await em.update(DealOffer, { id: deal.currentOfferId }, { status: OfferStatus.SUPERSEDED });
      deal.currentOfferId = null;
    }
    // A converted trial is paid for from now: its fixed fee's instalments (in this event's after).
    const scheduled = await this.schedules.onLicence(em, deal, now);
    const saved = await this.changes.commit(em, locked, {
      type: DealEventType.TRANSITIONED,
      action,
      side,
      actorUserId: by.actorUserId,
      fromState: from,
      note: by.note,
      extra: scheduled,
    });
    await this.notifier.changed(em, saved, by.audience, DealEventType.TRANSITIONED, by.actorUserId);
    return saved;
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Deal> {
    const deal = await this.dataSource.getRepository(Deal).findOneBy({ id });
    if (!deal) throw new NotFoundError(DEAL, id);
    await this.access.requireSide(ctx, deal);
    return deal;
  }

  async list(ctx: RequestContext, args: DealListArgs): Promise<ConnectionShape<Deal>> {
    const query = this.dataSource.getRepository(Deal).createQueryBuilder('deal');
    const filter = args.filter ?? {};
    if (filter.states?.length)
      query.andWhere('deal.state IN (:...states)', { states: filter.states });
    if (filter.kinds?.length) query.andWhere('deal.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.divisionCode)
      query.andWhere('deal.division_code = :division', { division: filter.divisionCode });
    if (filter.institutionId)
      query.andWhere('deal.institution_id = :institution', {
        institution: filter.institutionId.toLowerCase(),
      });
    await this.access.scope(ctx, query);
    return paginate(query, args, 'deal.created_at', (deal) => deal.createdAt);
  }

  async timeline(ctx: RequestContext, dealId: string): Promise<DealEvent[]> {
    await this.findVisible(ctx, dealId);
    return this.dataSource
      .getRepository(DealEvent)
      .find({ where: { dealId }, order: { sequence: 'ASC' } });
  }

  offersOf(dealId: string): Promise<DealOffer[]> {
    return this.dataSource
      .getRepository(DealOffer)
      .find({ where: { dealId }, order: { revision: 'ASC' } });
  }

  async patentIdsOf(dealId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(DealPatent).find({ where: { dealId } });
    return rows.map((row) => row.patentId).sort();
  }
}
