import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Environment, type Role, UnauthenticatedError } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import type { DataSource, EntityManager } from 'typeorm';
import { durationSeconds } from '../throttle/login-throttle-policy.js';
import { SessionEndReason } from './session.entity.js';

/** A refresh token as handed to the client, once; only its hash is kept. */
export interface IssuedRefreshToken {
  sessionId: string;
  userId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

type Rotation = { outcome: 'rotated'; issued: IssuedRefreshToken } | { outcome: 'refused' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/** One answer for unknown, spent, expired and ended: the client's next step is the same. */
export const refreshRefused = (): UnauthenticatedError =>
  new UnauthenticatedError({
    zh: '刷新令牌无效或已过期，请重新登录',
    en: 'The refresh token is invalid or has expired; please log in again',
  });

/**
 * Sessions and their refresh tokens. Refresh tokens are 256 random bits, stored as SHA-256 hashes,
 * and rotate: each is spent by the one refresh that replaces it. A spent token presented again means
 * two parties hold it (the client and a thief, and we cannot tell which is which), so the whole
 * session ends. Two refreshes with one token at once are that case too: the row lock lets exactly
 * one spend it, and the other then finds it spent.
 */
@Injectable()
export class SessionsService {
  private readonly refreshSeconds: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    config: ConfigService<Environment, true>,
  ) {
    this.refreshSeconds = durationSeconds(config.get('REFRESH_TOKEN_EXPIRES_IN', { infer: true }));
  }

  /** A new session for `userId`, with its first refresh token. */
  open(userId: string): Promise<IssuedRefreshToken> {
    return this.tx.run(async (em) => {
      const [session] = await em.query<Array<{ id: string; expires_at: Date }>>(
        `INSERT INTO sessions (user_id, expires_at) VALUES ($1, now() + $2 * interval '1 second')
         RETURNING id, expires_at`,
        [userId, this.refreshSeconds],
      );
      if (!session) throw new Error('INSERT … RETURNING gave no session');
      const refreshToken = await this.addToken(em, session.id);
      return { sessionId: session.id, userId, refreshToken, refreshExpiresAt: session.expires_at };
    });
  }

  /**
   * Spends `refreshToken` and issues its successor; the session's life starts over. Refused
   * (UNAUTHENTICATED) when the token is unknown, spent, expired, or its session or account has
   * ended; a spent one also ends its session, for good.
   */
  async rotate(refreshToken: string): Promise<IssuedRefreshToken> {
    const hash = hashOf(refreshToken);
    const rotation = await this.tx.run(async (em): Promise<Rotation> => {
      // Waits for a concurrent spend of the same token, then finds it spent: one winner.
      // UPDATE gives [rows, count] through TypeORM's query().
      const [spent] = await em.query<[Array<{ session_id: string }>, number]>(
        `UPDATE session_refresh_tokens SET spent_at = now()
          WHERE token_hash = $1 AND spent_at IS NULL
          RETURNING session_id`,
        [hash],
      );
      const sessionId = spent[0]?.session_id;
      if (!sessionId) {
        await em.query(
          `UPDATE sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now()
            WHERE id = (SELECT session_id FROM session_refresh_tokens WHERE token_hash = $1)
              AND revoked_at IS NULL`,
          [hash, SessionEndReason.REFRESH_TOKEN_REUSED],
        );
        // Committed: the session stays ended although the caller is refused.
        return { outcome: 'refused' };
      }
      const [[session]] = await em.query<[Array<{ user_id: string; expires_at: Date }>, number]>(
        `UPDATE sessions s
            SET expires_at = now() + $2 * interval '1 second', refreshed_at = now(), updated_at = now()
           FROM users u
          WHERE s.id = $1 AND u.id = s.user_id AND u.status = 'ACTIVE'
            AND s.revoked_at IS NULL AND s.expires_at > now()
          RETURNING s.user_id, s.expires_at`,
        [sessionId, this.refreshSeconds],
      );
      if (!session) return { outcome: 'refused' };
      const next = await this.addToken(em, sessionId);
      return {
        outcome: 'rotated',
        issued: {
          sessionId,
          userId: session.user_id,
          refreshToken: next,
          refreshExpiresAt: session.expires_at,
        },
      };
    });
    if (rotation.outcome === 'refused') throw refreshRefused();
    return rotation.issued;
  }

  /**
   * The role of `userId` if `sessionId` is its live session and the account is active; else null.
   * The auth guard asks this on every request: one indexed statement, by primary keys.
   */
  async activeRole(sessionId: string, userId: string): Promise<Role | null> {
    if (!UUID.test(sessionId) || !UUID.test(userId)) return null;
    const rows = await this.dataSource.query<Array<{ role: Role }>>(
      `SELECT u.role FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.status = 'ACTIVE'`,
      [sessionId, userId],
    );
    return rows[0]?.role ?? null;
  }

  /** Ends one session; its access and refresh tokens stop working at once. */
  async end(sessionId: string, reason: SessionEndReason): Promise<boolean> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now()
        WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
    return affected > 0;
  }

  /** Ends every live session of `userId`; returns how many. */
  async endAll(userId: string, reason: SessionEndReason): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId, reason],
    );
    return affected;
  }

  /**
   * Deletes sessions that ran out a day ago (their tokens go with them), and spent tokens older
   * than a refresh token's whole life: unspent, they would have expired by now anyway.
   */
  async prune(): Promise<void> {
    await this.tx.run(async (em) => {
      await em.query(`DELETE FROM sessions WHERE expires_at < now() - interval '1 day'`);
      await em.query(
        `DELETE FROM session_refresh_tokens WHERE spent_at < now() - $1 * interval '1 second'`,
        [this.refreshSeconds],
      );
    });
  }

  private async addToken(em: EntityManager, sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.query(`INSERT INTO session_refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [
      hashOf(token),
      sessionId,
    ]);
    return token;
  }
}
