import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  type Clock,
  ConflictError,
  NotFoundError,
  type RequestContext,
} from '@techmatch/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Deal } from '../entities/deal.entity.js';
import { DealEvent } from '../entities/deal-event.entity.js';
import { DealEventType, type DealSide, type DealState } from '../entities/deal-enums.js';
import { DEAL, DealAccess } from './deal-access.service.js';

/** The fields of a deal an event records when they change. */
const TRACKED = [
  'state',
  'brokerUserId',
  'currentOfferId',
  'agreedOfferId',
  'exclusivity',
  'territoryCodes',
  'trialStartedAt',
  'trialEndsAt',
  'conversionDueBy',
  'closedAt',
] as const;

export type DealSnapshot = Record<string, unknown>;

export function snapshot(deal: Deal): DealSnapshot {
  const values: DealSnapshot = {};
  for (const key of TRACKED) {
    const value = deal[key];
    values[key] = value instanceof Date ? value.toISOString() : value;
  }
  return values;
}

/** Only what changed, on both sides, plus the version (which every change moves). */
function diff(
  before: DealSnapshot,
  after: DealSnapshot,
): { before: DealSnapshot; after: DealSnapshot } {
  const changed = Object.keys(after).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}

export interface LockedDeal {
  deal: Deal;
  side: DealSide;
  /** The deal as it was when locked, for the event's "before". */
  before: DealSnapshot;
}

export interface ChangeRecord {
  type: DealEventType;
  side: DealSide;
  actorUserId: string | null;
  fromState: DealState;
  action?: string | null;
  note?: string | null;
  /** Extra facts for the event's "after" (the offer accepted, its revision, …). */
  extra?: Record<string, unknown>;
}

/**
 * The one way a deal changes. `lock` takes the deal's row lock and checks the version the caller
 * read: every writer of a deal queues on that lock, so of N callers holding the same version
 * exactly one gets through and the others see the version it wrote (CONFLICT, nothing written).
 * `commit` bumps the version and appends the event with sequence = new version, in the same
 * transaction, which keeps the sequence gapless (a rolled-back change takes its number with it).
 */
@Injectable()
export class DealChanges {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: DealAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * Reads the deal without a lock and establishes the caller's side, before the transaction: the
   * caller's enterprise or institution is then memoised on the context, so the locked section
   * needs no connection besides its own (see DealNotifier.audience for why that matters).
   */
  async prepare(ctx: RequestContext, dealId: string): Promise<Deal> {
    const deal = await this.dataSource.getRepository(Deal).findOneBy({ id: dealId });
    if (!deal) throw new NotFoundError(DEAL, dealId);
    await this.access.requireSide(ctx, deal);
    return deal;
  }

  async lock(
    em: EntityManager,
    ctx: RequestContext,
    dealId: string,
    version: number,
  ): Promise<LockedDeal> {
    const deal = await em.findOne(Deal, {
      where: { id: dealId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!deal) throw new NotFoundError(DEAL, dealId);
    const side = await this.access.requireSide(ctx, deal);
    if (deal.version !== version)
      throw new ConflictError(
        {
          zh: `交易已被他人修改（当前版本 ${deal.version}，提交的版本 ${version}），请刷新后重试`,
          en: `The deal was changed by someone else (version ${deal.version}, you sent ${version}); reload and retry`,
        },
        { currentVersion: deal.version, state: deal.state },
      );
    return { deal, side, before: snapshot(deal) };
  }

  async commit(em: EntityManager, locked: LockedDeal, change: ChangeRecord): Promise<Deal> {
    const { deal } = locked;
    deal.version += 1;
    const saved = await em.save(Deal, deal);
    const changes = diff(locked.before, snapshot(deal));
    await em.save(DealEvent, {
      dealId: deal.id,
      sequence: deal.version,
      type: change.type,
      action: change.action ?? null,
      actorSide: change.side,
      actorUserId: change.actorUserId,
      fromState: change.fromState,
      toState: deal.state,
      before: changes.before,
      after: { ...changes.after, ...change.extra },
      note: change.note ?? null,
      occurredAt: this.clock.now(),
    });
    return saved;
  }

  /** The first event of a deal, written with the deal itself (version 1). */
  async opened(
    em: EntityManager,
    deal: Deal,
    side: DealSide,
    actorUserId: string,
    note: string | null,
  ): Promise<void> {
    await em.save(DealEvent, {
      dealId: deal.id,
      sequence: 1,
      type: DealEventType.OPENED,
      action: null,
      actorSide: side,
      actorUserId,
      fromState: deal.state,
      toState: deal.state,
      before: {},
      after: { ...snapshot(deal), kind: deal.kind, needId: deal.needId, resultId: deal.resultId },
      note,
      occurredAt: this.clock.now(),
    });
  }
}
