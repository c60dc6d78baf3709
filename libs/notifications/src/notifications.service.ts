import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ConnectionShape,
  type LocalizedMessage,
  type PageArgs,
  paginate,
  type RequestContext,
  Role,
} from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { UsersService } from '@techmatch/identity';
import { type EntityManager, Repository } from 'typeorm';
import type { NotificationsReadResult } from './dto/notification.models.js';
import {
  type Announcement,
  ANNOUNCEMENTS_PER_NOTIFY,
  chunk,
  encodeAnnouncements,
  NOTIFICATION_CHANNEL,
  stableJson,
} from './notification-channel.js';
import type { NotificationData } from './notification-data.model.js';
import { NotificationFanout } from './notification-fanout.service.js';
import type { NotificationKind } from './notification-kind.js';
import { Notification } from './notification.entity.js';

/** What a caller asks to be sent: one notification for one recipient. */
export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  title: LocalizedMessage;
  body: LocalizedMessage;
  data?: NotificationData;
}

export interface NotificationListOptions extends PageArgs {
  unreadOnly?: boolean;
}

const TITLE_MAX = 200;
const ROWS_PER_INSERT = 500;

/** At most `max` characters (code points, as Postgres counts them), marking a cut with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * In-app notifications. Other contexts call `notify` inside their own transaction: the rows and the
 * announcement that pushes them live (see NotificationFanout) commit or roll back with the caller's
 * write. Deciding what deserves a notification, and to whom, is the caller's business; this
 * service stores, lists, counts and marks them, and each user only ever sees or touches their own.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly tx: TransactionService,
    private readonly users: UsersService,
    private readonly fanout: NotificationFanout,
  ) {}

  /**
   * Stores the notifications in the caller's transaction (`em`) and, in the same transaction,
   * announces them with NOTIFY, which Postgres delivers only on commit: a rolled-back write is
   * neither stored nor pushed. Duplicates (same recipient, kind and data) are sent once; an empty
   * list does nothing. Without an active transaction on `em`, it runs one of its own.
   */
  async notify(em: EntityManager, notes: NewNotification[]): Promise<void> {
    const unique = new Map<string, NewNotification>();
    for (const note of notes) {
      unique.set(stableJson([note.recipientId, note.kind, note.data ?? {}]), note);
    }
    if (unique.size === 0) return;
    await this.tx.run(
      async (manager) => {
        const announced: Announcement[] = [];
        for (const batch of chunk([...unique.values()], ROWS_PER_INSERT)) {
          const inserted = await manager.insert(
            Notification,
            batch.map((note) => ({
              recipientId: note.recipientId,
              kind: note.kind,
              titleZh: clip(note.title.zh, TITLE_MAX),
              titleEn: clip(note.title.en, TITLE_MAX),
              bodyZh: note.body.zh,
              bodyEn: note.body.en,
              data: note.data ?? {},
            })),
          );
          inserted.identifiers.forEach((identifier, index) => {
            announced.push([String(identifier.id), batch[index]?.recipientId ?? '']);
          });
        }
        for (const entries of chunk(announced, ANNOUNCEMENTS_PER_NOTIFY)) {
          await manager.query('SELECT pg_notify($1, $2)', [
            NOTIFICATION_CHANNEL,
            encodeAnnouncements(entries),
          ]);
        }
      },
      {},
      em,
    );
  }

  /** Every active broker: the recipients of match suggestions besides the enterprise's members. */
  brokerUserIds(em?: EntityManager): Promise<string[]> {
    return this.users.idsWithRoles([Role.BROKER], em);
  }

  /** The caller's notifications, newest first. */
  list(
    ctx: RequestContext,
    options: NotificationListOptions,
  ): Promise<ConnectionShape<Notification>> {
    const query = this.notifications
      .createQueryBuilder('notification')
      .where('notification.recipient_id = :me', { me: ctx.requireActor().userId });
    if (options.unreadOnly) query.andWhere('notification.read_at IS NULL');
    return paginate(query, options, 'notification.created_at', (row) => row.createdAt);
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    return this.notifications
      .createQueryBuilder('notification')
      .where('notification.recipient_id = :me', { me: ctx.requireActor().userId })
      .andWhere('notification.read_at IS NULL')
      .getCount();
  }

  /**
   * Marks the caller's notifications among `ids` read, or all of them when `ids` is 'all'. Ids of
   * other users' notifications, unknown ids and notifications already read are left alone and not
   * counted: the answer is the same whether or not someone else's id exists.
   */
  async markRead(ctx: RequestContext, ids: string[] | 'all'): Promise<NotificationsReadResult> {
    const me = ctx.requireActor().userId;
    if (ids !== 'all' && ids.length === 0) {
      return { marked: 0, unreadCount: await this.unreadCount(ctx) };
    }
    const marked = await this.tx.run(async (em) => {
      const update = em
        .createQueryBuilder()
        .update(Notification)
        .set({ readAt: () => 'now()' })
        .where('recipient_id = :me AND read_at IS NULL', { me });
      if (ids !== 'all') update.andWhere('id = ANY(:ids::uuid[])', { ids });
      return (await update.execute()).affected ?? 0;
    });
    return { marked, unreadCount: await this.unreadCount(ctx) };
  }

  /** The caller's notifications as they are committed, on whichever replica they were written. */
  live(ctx: RequestContext): AsyncIterableIterator<Notification> {
    return this.fanout.subscribe(ctx.requireActor().userId);
  }
}
