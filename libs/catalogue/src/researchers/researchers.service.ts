import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { invalidFields, type RequestContext, Role } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { type AuthPayload, AuthService, UsersService } from '@techmatch/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import type { RegisterResearcherInput } from './dto/register-researcher.input.js';
import { Researcher } from './researcher.entity.js';

/** Researchers: users bound to an institution, created with their account in one transaction. */
@Injectable()
export class ResearchersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionService,
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  /** Binds an existing RESEARCHER user to an institution (demo accounts; admins fixing bindings). */
  async bind(
    _ctx: RequestContext,
    binding: { userId: string; institutionId: string; displayName: string; title: string | null },
    em: EntityManager,
  ): Promise<void> {
    await em.createQueryBuilder().insert().into(Researcher).values(binding).orIgnore().execute();
  }

  async register(ctx: RequestContext, input: RegisterResearcherInput): Promise<AuthPayload> {
    if (!(await this.dataSource.getRepository(Institution).existsBy({ id: input.institutionId }))) {
      throw invalidFields([
        {
          path: 'input.institutionId',
          constraints: ['knownInstitution'],
          message: { zh: '所选机构不存在', en: 'institutionId must name a listed institution' },
        },
      ]);
    }
    const user = await this.tx.run(async (em) => {
      const account = await this.users.createAccount(ctx, input.account, Role.RESEARCHER, em);
      await em.insert(Researcher, {
        userId: account.id,
        institutionId: input.institutionId,
        displayName: input.account.displayName,
        title: input.title ?? null,
      });
      return account;
    });
    return this.auth.session(user);
  }
}
