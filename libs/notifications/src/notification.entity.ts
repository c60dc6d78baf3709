import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '@techmatch/identity';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { NotificationData } from './notification-data.model.js';
import { NotificationKind } from './notification-kind.js';

/**
 * An in-app notification for one user, in both languages. The two indexes serve the only two
 * questions asked of the table: "my notifications, newest first" and "how many are unread".
 */
@ObjectType({ description: '站内通知 / An in-app notification' })
@Entity({ name: 'notifications' })
@Index('ix_notifications_recipient_created', ['recipientId', 'createdAt', 'id'])
@Index('ix_notifications_recipient_unread', ['recipientId'], { where: '"read_at" IS NULL' })
export class Notification extends BaseEntity {
  /** Not a GraphQL field: every notification a caller can see is their own. */
  @Column({ type: 'uuid', name: 'recipient_id' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: User;

  @Field(() => NotificationKind)
  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind!: NotificationKind;

  @Field()
  @Column({ type: 'varchar', length: 200, name: 'title_zh' })
  titleZh!: string;

  @Field()
  @Column({ type: 'varchar', length: 200, name: 'title_en' })
  titleEn!: string;

  @Field()
  @Column({ type: 'text', name: 'body_zh' })
  bodyZh!: string;

  @Field()
  @Column({ type: 'text', name: 'body_en' })
  bodyEn!: string;

  @Field(() => NotificationData)
  @Column({ type: 'jsonb' })
  data!: NotificationData;

  @Field(() => Date, {
    nullable: true,
    description: 'When the recipient marked it read; null: unread',
  })
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt!: Date | null;
}
