import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../user.entity.js';

/** Why a session ended before its refresh token ran out. */
export enum SessionEndReason {
  LOGOUT = 'LOGOUT',
  LOGOUT_EVERYWHERE = 'LOGOUT_EVERYWHERE',
  /** A spent refresh token came back: someone holds a copy, so nobody keeps the session. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  /** Set by a trigger on `users` when an account stops being ACTIVE. */
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
}

/**
 * One login on one device. Its access tokens carry its id (`sid`), and the auth guard reads it with
 * the user on every request, so ending it (logout, a reused refresh token, a disabled account)
 * stops its access tokens at once. It lives as long as its current refresh token.
 */
@Entity({ name: 'sessions' })
@Index('ix_sessions_user', ['userId'])
export class Session extends BaseEntity {
  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** When the current refresh token runs out; each refresh moves it on. */
  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'refreshed_at', nullable: true })
  refreshedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({
    type: 'enum',
    enum: SessionEndReason,
    enumName: 'session_end_reason',
    name: 'revoked_reason',
    nullable: true,
  })
  revokedReason!: SessionEndReason | null;
}

/**
 * Every refresh token a session was given, by SHA-256 hash only (the tokens are 256 random bits, so
 * a fast hash suffices and a stolen table gives nothing to present). A token is spent by its one
 * refresh; the spent rows stay, so that presenting one again is recognised as reuse.
 */
@Entity({ name: 'session_refresh_tokens' })
@Index('ix_session_refresh_tokens_session', ['sessionId'])
export class SessionRefreshToken {
  @PrimaryColumn({
    type: 'bytea',
    name: 'token_hash',
    primaryKeyConstraintName: 'pk_session_refresh_tokens',
  })
  tokenHash!: Buffer;

  @Column({ type: 'uuid', name: 'session_id' })
  sessionId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'spent_at', nullable: true })
  spentAt!: Date | null;
}
