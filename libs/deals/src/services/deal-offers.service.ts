import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenError,
  invalidFields,
  NotFoundError,
  type RequestContext,
} from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { Deal } from '../entities/deal.entity.js';
import { DealAction, nextDealState, type DealStep } from '../state/deal-transitions.js';
import { DealOffer } from '../entities/deal-offer.entity.js';
import {
  DealEventType,
  DealKind,
  DealSide,
  DealState,
  FeeModel,
  OfferStatus,
  RoyaltyBase,
} from '../entities/deal-enums.js';
import { DealPatent } from '../entities/deal-patent.entity.js';
import { offerTermProblems } from '../offers/offer-term-rules.js';
import { InstalmentSchedules } from '../payments/instalment-schedules.service.js';
import type { AcceptOfferInput, ProposeOfferInput } from '../offers/offer-terms.input.js';
import { DealChanges, type LockedDeal } from './deal-changes.service.js';
import { DealNotifier } from './deal-notifier.service.js';
import { ExclusivityGuard } from './exclusivity-guard.service.js';

const OFFER = { zh: '报价', en: 'offer' };
const DAY_MS = 86_400_000;

/**
 * Term sheets. Anyone on the deal proposes (a new offer supersedes the open one: that is a counter-
 * offer); terms bind when both parties, the enterprise and the institution, have accepted the same
 * offer. A party's own offer counts as accepted by that party, so the other side's acceptance
 * completes it; a broker's offer (a mediator's proposal) needs both. Brokers never accept: they are
 * not party to the licence. Agreement moves the deal on: a trial-first deal starts its trial (dates
 * from the clock), any other deal is LICENSED; exclusivity is checked at that moment, when rights
 * are granted.
 */
@Injectable()
export class DealOffersService {
  constructor(
    @InjectRepository(DealOffer) private readonly offers: Repository<DealOffer>,
    private readonly tx: TransactionService,
    private readonly changes: DealChanges,
    private readonly exclusivity: ExclusivityGuard,
    private readonly notifier: DealNotifier,
    private readonly schedules: InstalmentSchedules,
  ) {}

  async propose(ctx: RequestContext, input: ProposeOfferInput): Promise<DealOffer> {
    const userId = ctx.requireActor().userId;
    const audience = await this.notifier.audience(await this.changes.prepare(ctx, input.dealId));
    return this.tx.run(async (em) => {
      const locked = await this.changes.lock(em, ctx, input.dealId, input.version);
      const { deal, side } = locked;
      const from = deal.state;
      // The first offer opens the negotiation (PROPOSED → NEGOTIATING), by the same rule as NEGOTIATE.
      if (from === DealState.PROPOSED)
        deal.state = nextDealState(from, deal.kind, DealAction.NEGOTIATE, side);
      else if (from !== DealState.NEGOTIATING)
        throw new ConflictError(
          {
            zh: `交易当前状态为 ${from}，只有在 PROPOSED 或 NEGOTIATING 状态才能报价`,
            en: `The deal is ${from}; offers are made only while it is PROPOSED or NEGOTIATING`,
          },
          { state: from, allowedStates: [DealState.PROPOSED, DealState.NEGOTIATING] },
        );
      const problems = offerTermProblems(input.terms, deal.kind);
      if (problems.length > 0) throw invalidFields(problems);

      const previous = await em.findOne(DealOffer, {
        where: { dealId: deal.id },
        order: { revision: 'DESC' },
      });
      if (previous?.status === OfferStatus.OPEN)
        await em.update(DealOffer, { id: previous.id }, { status: OfferStatus.SUPERSEDED });
      const now = this.changes.now();
      const terms = input.terms;
      const royalty = terms.feeModel !== FeeModel.LUMP_SUM;
      const offer = await em.save(
        em.create(DealOffer, {
          dealId: deal.id,
          revision: (previous?.revision ?? 0) + 1,
          proposedBy: side,
          proposedByUserId: userId,
          status: OfferStatus.OPEN,
          feeModel: terms.feeModel,
          lumpSumFen: terms.lumpSumFen ?? null,
          entryFeeFen: terms.entryFeeFen ?? null,
          royaltyRateBp: terms.royaltyRateBp ?? null,
          royaltyBase: royalty ? (terms.royaltyBase ?? RoyaltyBase.NET_SALES) : null,
          trialDays: terms.trialDays ?? null,
          conversionGraceDays:
            deal.kind === DealKind.TRIAL_FIRST_LICENSE ? (terms.conversionGraceDays ?? 30) : null,
          exclusivity: terms.exclusivity,
          territoryCodes: terms.territoryCodes ?? [],
          territoryNote: terms.territoryNote ?? null,
          paymentSchedule: (terms.paymentSchedule ?? []).map((p) => ({
            dueInDays: p.dueInDays,
            amountFen: p.amountFen,
          })),
          note: input.note ?? null,
          enterpriseAcceptedAt: side === DealSide.ENTERPRISE ? now : null,
          institutionAcceptedAt: side === DealSide.INSTITUTION ? now : null,
        }),
      );
      deal.currentOfferId = offer.id;
      const saved = await this.changes.commit(em, locked, {
        type: DealEventType.OFFER_PROPOSED,
        side,
        actorUserId: userId,
        fromState: from,
        note: input.note ?? null,
        extra: { offerId: offer.id, revision: offer.revision, proposedBy: side },
      });
      await this.notifier.changed(em, saved, audience, DealEventType.OFFER_PROPOSED, userId);
      return offer;
    });
  }

  async accept(ctx: RequestContext, input: AcceptOfferInput): Promise<Deal> {
    const userId = ctx.requireActor().userId;
    const offered = await this.offers.findOneBy({ id: input.offerId });
    if (!offered) throw new NotFoundError(OFFER, input.offerId);
    const audience = await this.notifier.audience(await this.changes.prepare(ctx, offered.dealId));
    return this.tx.run(async (em) => {
      const found = await em.findOneByOrFail(DealOffer, { id: input.offerId });
      const locked = await this.changes.lock(em, ctx, found.dealId, input.version);
      const { deal, side } = locked;
      // Re-read under the deal lock: a counter-offer may have superseded it meanwhile.
      const offer = await em.findOneByOrFail(DealOffer, { id: input.offerId });
      if (offer.status !== OfferStatus.OPEN || deal.currentOfferId !== offer.id)
        throw new ConflictError(
          {
            zh: `该报价已是 ${offer.status} 状态，只能接受当前有效的报价`,
            en: `This offer is ${offer.status}; only the deal's current offer can be accepted`,
          },
          { offerStatus: offer.status, currentOfferId: deal.currentOfferId },
        );
      if (side !== DealSide.ENTERPRISE && side !== DealSide.INSTITUTION)
        throw new ForbiddenError({
          zh: '只有交易双方（企业和成果方）可以接受报价；技术经纪人可以提出报价',
          en: 'Only the parties (the enterprise and the institution) accept offers; brokers propose them',
        });
      const field = side === DealSide.ENTERPRISE ? 'enterpriseAcceptedAt' : 'institutionAcceptedAt';
      if (offer[field])
        throw new ConflictError(
          {
            zh: '你方已提出或接受该报价，需由另一方接受',
            en: 'Your side already made or accepted this offer; the other party has to accept it',
          },
          {
            offerId: offer.id,
            waitingFor: side === DealSide.ENTERPRISE ? DealSide.INSTITUTION : DealSide.ENTERPRISE,
          },
        );
      const now = this.changes.now();
      offer[field] = now;
      const from = deal.state;
      const agreed = offer.enterpriseAcceptedAt !== null && offer.institutionAcceptedAt !== null;
      if (agreed) await this.agree(em, locked, offer, now);
      await em.save(DealOffer, offer);
      // An ordinary licence is paid for from now: its fixed fee's instalments (in this event's after).
      const scheduled = await this.schedules.onLicence(em, deal, now);
      const type = agreed ? DealEventType.TERMS_AGREED : DealEventType.OFFER_ACCEPTED;
      const saved = await this.changes.commit(em, locked, {
        type,
        action: agreed
          ? deal.kind === DealKind.TRIAL_FIRST_LICENSE
            ? 'START_TRIAL'
            : 'GRANT_LICENCE'
          : null,
        side,
        actorUserId: userId,
        fromState: from,
        extra: { offerId: offer.id, revision: offer.revision, acceptedBy: side, ...scheduled },
      });
      await this.notifier.changed(em, saved, audience, type, userId);
      return saved;
    });
  }

  /** Both parties accepted: the offer becomes the terms, rights are granted (if the patents are free). */
  private async agree(
    em: EntityManager,
    locked: LockedDeal,
    offer: DealOffer,
    now: Date,
  ): Promise<void> {
    const { deal, side } = locked;
    const trial = deal.kind === DealKind.TRIAL_FIRST_LICENSE;
    const step: DealStep = trial ? 'START_TRIAL' : 'GRANT_LICENCE';
    deal.state = nextDealState(deal.state, deal.kind, step, side);
    const patents = await em.find(DealPatent, { where: { dealId: deal.id } });
    await this.exclusivity.assertFree(
      em,
      deal.id,
      patents.map((p) => p.patentId),
      offer,
    );
    offer.status = OfferStatus.ACCEPTED;
    deal.agreedOfferId = offer.id;
    deal.currentOfferId = null;
    deal.exclusivity = offer.exclusivity;
    deal.territoryCodes = offer.territoryCodes;
    if (trial) {
      deal.trialStartedAt = now;
      deal.trialEndsAt = new Date(now.getTime() + (offer.trialDays ?? 0) * DAY_MS);
    } else deal.closedAt = now;
  }
}
