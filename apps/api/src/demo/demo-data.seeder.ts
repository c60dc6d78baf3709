import { Injectable, Logger } from '@nestjs/common';
import { InstitutionsService } from '@techmatch/catalogue';
import { RequestContext } from '@techmatch/common';
import { TransactionService } from '@techmatch/database';
import { UsersService } from '@techmatch/identity';
import { DEMO_ACCOUNTS, DEMO_INSTITUTIONS } from './demo-data.js';

/**
 * Loads the demo institutions and accounts that are missing, in one transaction, through each
 * context's own service. Running it again changes nothing, so every `npm start` may call it.
 */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger(DemoDataSeeder.name);

  constructor(
    private readonly tx: TransactionService,
    private readonly institutions: InstitutionsService,
    private readonly users: UsersService,
  ) {}

  async seed(): Promise<{ institutions: number; accounts: number }> {
    const ctx = RequestContext.system('demo-data');
    const created = await this.tx.run(async (em) => {
      const institutions = await this.institutions.ensure(ctx, DEMO_INSTITUTIONS, em);
      let accounts = 0;
      for (const account of DEMO_ACCOUNTS) {
        if (await this.users.existsByEmail(account.email, em)) continue;
        await this.users.createAccount(ctx, account, account.role, em);
        accounts++;
      }
      return { institutions, accounts };
    });
    if (created.institutions + created.accounts > 0) {
      this.logger.log(
        `Demo data loaded: ${created.institutions} institutions, ${created.accounts} accounts`,
      );
    }
    return created;
  }
}
