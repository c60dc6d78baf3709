import { Module } from '@nestjs/common';

/** In-app notifications: stored per recipient, read/unread, pushed live over graphql-ws. */
@Module({})
export class NotificationsModule {}
