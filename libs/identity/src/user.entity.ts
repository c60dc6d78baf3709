import { Field, ObjectType } from '@nestjs/graphql';
import { Role } from '@techmatch/common';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index } from 'typeorm';

export enum UserStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

@ObjectType({ description: '用户 / A person who signs in' })
@Entity({ name: 'users' })
export class User extends BaseEntity {
  @Field({ description: 'Lower-cased; unique' })
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** argon2id; never selected unless asked for, never a GraphQL field. */
  @Column({ type: 'text', name: 'password_hash', select: false })
  passwordHash!: string;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role!: Role;

  @Field()
  @Column({ type: 'varchar', length: 100, name: 'display_name' })
  displayName!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'enum', enum: UserStatus, enumName: 'user_status', default: UserStatus.ACTIVE })
  status!: UserStatus;

  @Column({ type: 'timestamptz', name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;
}
