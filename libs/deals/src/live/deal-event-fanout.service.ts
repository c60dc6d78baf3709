import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type RequestContext, SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { PgListener } from '@techmatch/database';
import { MoreThan, Repository } from 'typeorm';
import { DealEvent } from '../entities/deal-event.entity.js';
import { DealsService } from '../services/deals.service.js';
import { DEAL_EVENT_CHANNEL, decodeDealEventAnnouncement } from './deal-event-channel.js';
import { LiveFeed } from './live-feed.js';

/** Events read per deal and delivery; a follower further behind gets the rest on the next one. */
const LOAD_LIMIT = 500;

interface Follower {
  feed: LiveFeed<DealEvent>;
  /** The last sequence this follower has been given: it receives exactly the ones after it. */
  after: number;
}

/**
 * Deal events live, across replicas. Every replica LISTENs on `techmatch_deal_events` (a trigger
 * announces each committed `deal_events` row with its deal and sequence) and, for the deals
 * someone follows on this replica, reads the events after the last one each follower was given.
 * Because a deal's sequence is gapless, that is exact: no event twice, none skipped, in order,
 * whether an announcement was heard, missed while the listener reconnected (it then re-reads every
 * followed deal), or came before the follower registered (each follow re-reads once).
 */
@Injectable()
export class DealEventFanout implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DealEventFanout.name);
  private readonly listener: PgListener;
  private readonly followers = new Map<string, Set<Follower>>();
  /** Deals announced since the last delivery; one delivery reads them all. */
  private readonly pending = new Set<string>();
  private flushQueued = false;
  /** Deliveries run one after another, in the order they were queued. */
  private deliveries: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SERVICE_ENDPOINTS) endpoints: ServiceEndpoints,
    @InjectRepository(DealEvent) private readonly events: Repository<DealEvent>,
    private readonly deals: DealsService,
  ) {
    this.listener = new PgListener({
      connectionString: endpoints.databaseUrl,
      applicationName: 'techmatch-deal-events',
      channel: DEAL_EVENT_CHANNEL,
      onNotification: (payload) => {
        const announced = decodeDealEventAnnouncement(payload);
        if (announced && this.isBehind(announced.dealId, announced.sequence))
          this.schedule([announced.dealId]);
      },
      onReconnect: () => this.schedule([...this.followers.keys()]),
    });
  }

  /** A failure here only delays live delivery (the listener retries), never startup. */
  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    for (const followers of this.followers.values())
      for (const follower of followers) follower.feed.close();
    await this.deliveries;
  }

  /**
   * The deal's events from now on, for its parties only: a caller who is nobody to the deal gets
   * NOT_FOUND, as everywhere in deals. Access is decided when the subscription starts.
   */
  async follow(ctx: RequestContext, dealId: string): Promise<AsyncIterableIterator<DealEvent>> {
    ctx.requireActor();
    const deal = await this.deals.findVisible(ctx, dealId);
    const follower: Follower = {
      after: deal.version,
      feed: new LiveFeed<DealEvent>(() => this.unfollow(deal.id, follower)),
    };
    const followers = this.followers.get(deal.id) ?? new Set<Follower>();
    followers.add(follower);
    this.followers.set(deal.id, followers);
    // An event committed between reading the version and registering was announced to nobody here.
    this.schedule([deal.id]);
    return follower.feed;
  }

  /** Live followers of this deal on this replica (tests wait on it). */
  followerCount(dealId: string): number {
    return this.followers.get(dealId.toLowerCase())?.size ?? 0;
  }

  get listening(): boolean {
    return this.listener.listening;
  }

  private unfollow(dealId: string, follower: Follower): void {
    const followers = this.followers.get(dealId);
    followers?.delete(follower);
    if (followers?.size === 0) this.followers.delete(dealId);
  }

  private isBehind(dealId: string, sequence: number): boolean {
    for (const follower of this.followers.get(dealId) ?? []) {
      if (follower.after < sequence) return true;
    }
    return false;
  }

  private schedule(dealIds: string[]): void {
    for (const id of dealIds) this.pending.add(id);
    if (this.flushQueued || this.pending.size === 0) return;
    this.flushQueued = true;
    this.deliveries = this.deliveries
      .then(async () => {
        this.flushQueued = false;
        const ids = [...this.pending];
        this.pending.clear();
        for (const id of ids) await this.deliver(id);
      })
      .catch((error: unknown) => {
        // The events are stored; the next announcement of the deal catches its followers up.
        this.logger.warn(`Live deal event delivery failed: ${(error as Error).message}`);
      });
  }

  private async deliver(dealId: string): Promise<void> {
    const followers = [...(this.followers.get(dealId) ?? [])];
    if (followers.length === 0) return;
    const from = Math.min(...followers.map((follower) => follower.after));
    const rows = await this.events.find({
      where: { dealId, sequence: MoreThan(from) },
      order: { sequence: 'ASC' },
      take: LOAD_LIMIT,
    });
    for (const follower of followers) {
      for (const row of rows) {
        if (row.sequence !== follower.after + 1) continue;
        follower.feed.push(row);
        follower.after = row.sequence;
      }
    }
    if (rows.length === LOAD_LIMIT) this.schedule([dealId]);
  }
}
