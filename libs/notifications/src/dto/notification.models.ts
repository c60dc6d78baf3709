import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@techmatch/common';
import { Notification } from '../notification.entity.js';

@ObjectType()
export class NotificationConnection extends Connection(Notification, 'Notification') {}

@ObjectType({ description: '标记已读的结果 / What marking as read changed' })
export class NotificationsReadResult {
  @Field(() => Int, { description: 'Notifications that were unread and are now read' })
  marked!: number;

  @Field(() => Int, { description: 'Your unread notifications afterwards' })
  unreadCount!: number;
}
