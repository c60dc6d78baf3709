import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@techmatch/common';
import { MarkNotificationsReadArgs } from './dto/mark-read.args.js';
import { NotificationListArgs } from './dto/notification-list.args.js';
import { NotificationConnection, NotificationsReadResult } from './dto/notification.models.js';
import { Notification } from './notification.entity.js';
import { NotificationsService } from './notifications.service.js';

/** Any signed-in caller, always about their own notifications. */
@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, {
    description: '我的通知 / Your notifications, newest first',
  })
  notifications(
    @Ctx() ctx: RequestContext,
    @Args() args: NotificationListArgs,
  ): Promise<NotificationConnection> {
    return this.service.list(ctx, args);
  }

  @Query(() => Int, { description: '未读通知数 / How many of your notifications are unread' })
  unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return this.service.unreadCount(ctx);
  }

  @Mutation(() => NotificationsReadResult, { description: '标记已读 / Mark these as read' })
  markNotificationsRead(
    @Ctx() ctx: RequestContext,
    @Args() args: MarkNotificationsReadArgs,
  ): Promise<NotificationsReadResult> {
    return this.service.markRead(ctx, args.ids);
  }

  @Mutation(() => NotificationsReadResult, { description: '全部标记已读 / Mark all as read' })
  markAllNotificationsRead(@Ctx() ctx: RequestContext): Promise<NotificationsReadResult> {
    return this.service.markRead(ctx, 'all');
  }

  @Subscription(() => Notification, {
    description:
      '实时通知（graphql-ws，connectionParams: { authorization: "Bearer <token>" }） / ' +
      'Your notifications as they are committed',
    resolve: (notification: Notification) => notification,
  })
  notificationReceived(@Ctx() ctx: RequestContext): AsyncIterableIterator<Notification> {
    return this.service.live(ctx);
  }
}
