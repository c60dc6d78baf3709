import { Injectable, Logger } from '@nestjs/common';
import { InstitutionsService } from '@techmatch/catalogue';
import { RequestContext, Role } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { type User, UsersService } from '@techmatch/identity';
import type { EntityManager } from 'typeorm';
import { DemoCatalogueSeeder } from './demo-catalogue.seeder.js';
import { DEMO_ACCOUNTS, DEMO_INSTITUTIONS } from './demo-data.js';

export interface DemoSeedCounts {
  institutions: number;
  accounts: number;
  enterprises: number;
  results: number;
  needs: number;
}

/**
 * Loads whatever part of the demo data is missing, in one transaction, through each context's own
 * service. Running it again changes nothing, so every `npm start` may call it.
 */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly institutions: InstitutionsService,
    private readonly users: UsersService,
    private readonly catalogue: DemoCatalogueSeeder,
  ) {}

  async seed(): Promise<DemoSeedCounts> {
    const ctx = RequestContext.system('demo-data');
    const created = await this.tx.run(async (em) => {
      const institutions = await this.institutions.ensure(ctx, DEMO_INSTITUTIONS, em);
      const { accounts, byRole } = await this.ensureAccounts(ctx, em);
      const catalogue = await this.catalogue.seed(ctx, em);
      await this.catalogue.bindDemoAccounts(
        ctx,
        { researcher: byRole.get(Role.RESEARCHER), enterprise: byRole.get(Role.ENTERPRISE) },
        em,
      );
      return { institutions, accounts, ...catalogue };
    });
    if (Object.values(created).some((count) => count > 0)) {
      this.logger.log(
        `Demo data loaded: ${created.institutions} institutions, ${created.accounts} accounts, ` +
          `${created.enterprises} enterprises, ${created.results} results, ${created.needs} needs`,
      );
    }
    return created;
  }

  private async ensureAccounts(
    ctx: RequestContext,
    em: EntityManager,
  ): Promise<{ accounts: number; byRole: Map<Role, User> }> {
    let accounts = 0;
    const byRole = new Map<Role, User>();
    for (const account of DEMO_ACCOUNTS) {
      let user = await this.users.findByEmail(account.email, em);
      if (!user) {
        user = await this.users.createAccount(ctx, account, account.role, em);
        accounts++;
      }
      byRole.set(account.role, user);
    }
    return { accounts, byRole };
  }
}
