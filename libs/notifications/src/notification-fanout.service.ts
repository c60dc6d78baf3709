import { EventEmitter } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PubSub } from 'graphql-subscriptions';
import { In, Repository } from 'typeorm';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { PgListener } from '@techmatch/database';
import {
  type Announcement,
  decodeAnnouncements,
  NOTIFICATION_CHANNEL,
} from './notification-channel.js';
import { Notification } from './notification.entity.js';

/**
 * After a reconnect, notifications created this long before the connection was last known alive
 * are replayed too: a transaction that began before the outage may have committed during it.
 */
const CATCH_UP_MARGIN_MS = 60_000;
const CATCH_UP_LIMIT = 1_000;

const TOPIC_PREFIX = 'notification:';
const topic = (recipientId: string): string => `${TOPIC_PREFIX}${recipientId}`;

/**
 * Live delivery across replicas. Writers announce committed notifications with NOTIFY on
 * `techmatch_notifications` (see NotificationsService.notify); every replica holds one dedicated
 * connection that LISTENs there (a PgListener), loads the announced notifications whose recipients
 * are subscribed to it, and publishes each to its recipient's topic on a local PubSub, which the
 * GraphQL subscription reads. So a notification reaches its recipient whichever replica wrote it and
 * whichever holds the websocket, and only once committed.
 *
 * LISTEN/NOTIFY is not durable: while the connection is down nothing is heard. It reconnects with
 * backoff and then replays what was created since it was last alive, skipping what it already
 * delivered (a replay may so include a subscriber's notifications from shortly before it
 * subscribed). The notifications table stays the truth; live delivery is a convenience on top.
 */
@Injectable()
export class NotificationFanout implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationFanout.name);
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly pubsub = new PubSub<Record<string, Notification>>({ eventEmitter: this.events });
  private readonly listener: PgListener;
  /** Deliveries run one after another, in the order they were heard. */
  private deliveries: Promise<void> = Promise.resolve();
  /** Recently delivered ids with their creation time, so that a replay sends nothing twice. */
  private readonly delivered = new Map<string, number>();

  constructor(
    @Inject(SERVICE_ENDPOINTS) endpoints: ServiceEndpoints,
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
  ) {
    this.listener = new PgListener({
      connectionString: endpoints.databaseUrl,
      applicationName: 'techmatch-notifications',
      channel: NOTIFICATION_CHANNEL,
      onNotification: (payload) => {
        const announced = decodeAnnouncements(payload);
        this.enqueue(() => this.deliver(announced));
      },
      onReconnect: (outageSince) => this.enqueue(() => this.catchUp(outageSince)),
      onHeartbeat: (alive) => this.forgetBefore(alive.getTime() - CATCH_UP_MARGIN_MS),
    });
  }

  /** Runs once migrations are applied; a failure here only delays live delivery, never startup. */
  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    await this.deliveries;
  }

  /** The caller's live notifications, from now on, until the iterator is returned. */
  subscribe(recipientId: string): AsyncIterableIterator<Notification> {
    return this.pubsub.asyncIterableIterator<Notification>(topic(recipientId));
  }

  /** Live subscriptions of this recipient on this replica (tests wait on it). */
  subscriberCount(recipientId: string): number {
    return this.events.listenerCount(topic(recipientId));
  }

  /** Whether this replica is listening right now. */
  get listening(): boolean {
    return this.listener.listening;
  }

  private enqueue(work: () => Promise<void>): void {
    this.deliveries = this.deliveries.then(work).catch((error: unknown) => {
      // The notifications are stored; only their live push is lost.
      this.logger.warn(`Live notification delivery failed: ${(error as Error).message}`);
    });
  }

  private async deliver(announced: Announcement[]): Promise<void> {
    const ids = announced
      .filter(
        ([id, recipientId]) => this.subscriberCount(recipientId) > 0 && !this.delivered.has(id),
      )
      .map(([id]) => id);
    if (ids.length === 0) return;
    const rows = await this.notifications.find({
      where: { id: In(ids) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    await this.publish(rows);
  }

  /** What may have been announced while nobody here was listening, for who is subscribed now. */
  private async catchUp(outageSince: Date): Promise<void> {
    const recipients = this.events
      .eventNames()
      .map(String)
      .filter((name) => name.startsWith(TOPIC_PREFIX))
      .map((name) => name.slice(TOPIC_PREFIX.length));
    if (recipients.length === 0) return;
    const rows = await this.notifications
      .createQueryBuilder('notification')
      .where('notification.recipient_id = ANY(:recipients::uuid[])', { recipients })
      .andWhere('notification.created_at >= :from', {
        from: new Date(outageSince.getTime() - CATCH_UP_MARGIN_MS),
      })
      .orderBy('notification.created_at', 'ASC')
      .addOrderBy('notification.id', 'ASC')
      .limit(CATCH_UP_LIMIT)
      .getMany();
    await this.publish(rows.filter((row) => !this.delivered.has(row.id)));
  }

  private async publish(rows: Notification[]): Promise<void> {
    for (const row of rows) {
      this.delivered.set(row.id, row.createdAt.getTime());
      await this.pubsub.publish(topic(row.recipientId), row);
    }
  }

  /** A replay never reaches further back than this, so older ids need not be remembered. */
  private forgetBefore(cutoff: number): void {
    for (const [id, createdAt] of this.delivered) {
      if (createdAt < cutoff) this.delivered.delete(id);
    }
  }
}
