import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ConflictError, NotFoundError, type RequestContext, Role } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { type EntityManager, In, QueryFailedError, Repository } from 'typeorm';
import { PasswordService } from './auth/password.service.js';
import type { NewAccountInput } from './dto/new-account.input.js';
import { User, UserStatus } from './user.entity.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Accounts: creating them (self-registration, or by an admin for brokers) and finding them. Other
 * contexts use `createAccount` inside their own transaction when they create an account together with
 * the organisation it belongs to.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly tx: TransactionService,
  ) {}

  async findById(_ctx: RequestContext, id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError({ zh: '用户', en: 'user' }, id);
    return user;
  }

  /** The active account with this id, or null: what the auth guard needs on every request. */
  findActive(id: string): Promise<User | null> {
    return this.users.findOneBy({ id, status: UserStatus.ACTIVE });
  }

  /** Ids of the active accounts holding any of these roles: say, every broker to notify. */
  async idsWithRoles(roles: Role[], manager?: EntityManager): Promise<string[]> {
    if (roles.length === 0) return [];
    const rows = await (manager?.getRepository(User) ?? this.users).find({
      select: { id: true },
      where: { role: In(roles), status: UserStatus.ACTIVE },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users).findOneBy({ email: email.toLowerCase() });
  }

  /** The account and its password hash, for checking credentials only. */
  findForLogin(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }

  async recordLogin(user: User): Promise<void> {
    await this.users.update({ id: user.id }, { lastLoginAt: () => 'now()' });
  }

  async createAccount(
    _ctx: RequestContext,
    input: NewAccountInput,
    role: Role,
    manager?: EntityManager,
  ): Promise<User> {
    const passwordHash = await this.passwords.hash(input.password);
    return this.tx.run(
      async (em) => {
        const user = em.create(User, {
          email: input.email,
          passwordHash,
          role,
          displayName: input.displayName,
          phone: input.phone ?? null,
        });
        try {
          return await em.save(user);
        } catch (error) {
          throw this.explain(error, input.email);
        }
      },
      {},
      manager,
    );
  }

  private explain(error: unknown, email: string): unknown {
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    if (error instanceof QueryFailedError && code === UNIQUE_VIOLATION) {
      return new ConflictError(
        { zh: `邮箱 ${email} 已被注册`, en: `An account with e-mail ${email} already exists` },
        { field: 'email' },
      );
    }
    return error;
  }
}
