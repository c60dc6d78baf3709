import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@techmatch/identity';
import { NotificationFanout } from './notification-fanout.service.js';
import { Notification } from './notification.entity.js';
import { NotificationsResolver } from './notifications.resolver.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notifications: stored per recipient, read/unread, pushed live over graphql-ws. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), IdentityModule],
  providers: [NotificationsService, NotificationFanout, NotificationsResolver],
  exports: [NotificationsService],
})
export class NotificationsModule {}
