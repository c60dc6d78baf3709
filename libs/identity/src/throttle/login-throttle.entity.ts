import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed logins counted per e-mail address and per IP address, in Postgres so that every replica
 * sees the same counts. `key` is `account:` or `ip:` and the SHA-256 of the address: the table
 * never holds the text people typed (a password typed into the e-mail field, say).
 */
@Entity({ name: 'login_throttles' })
@Index('ix_login_throttles_last_failure', ['lastFailureAt'])
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 80, primaryKeyConstraintName: 'pk_login_throttles' })
  key!: string;

  /** Attempts counted since the window began: failures, and attempts still being checked. */
  @Column({ type: 'integer' })
  failures!: number;

  @Column({ type: 'timestamptz', name: 'last_failure_at' })
  lastFailureAt!: Date;

  /** Attempts before this instant are refused without looking at the password. */
  @Column({ type: 'timestamptz', name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;
}
