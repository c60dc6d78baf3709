import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { PgListener, PUBLIC_READS_CHANNEL } from '@techmatch/database';

/**
 * The generation of what anonymous catalogue reads see, in this process. Cached answers are keyed by
 * it, so moving it on empties the cache at once (old entries are never read again and age out of the
 * LRU). It moves on:
 * - when any replica commits a change to what those reads depend on (a trigger NOTIFYs
 *   PUBLIC_READS_CHANNEL, see libs/database/src/listen/public-reads-channel.ts);
 * - when this process has answered a mutation, before the answer leaves: a client reads its own
 *   writes here even if the announcement is still on its way;
 * - when the listening connection comes back, since announcements were missed meanwhile.
 * While the connection is down nothing is announced, so the cache is not used at all.
 */
@Injectable()
export class PublicReadsGeneration implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listener: PgListener;
  private generation = 0;

  constructor(@Inject(SERVICE_ENDPOINTS) endpoints: ServiceEndpoints) {
    this.listener = new PgListener({
      connectionString: endpoints.databaseUrl,
      applicationName: 'techmatch-public-reads',
      channel: PUBLIC_READS_CHANNEL,
      onNotification: () => this.advance(),
      onReconnect: () => this.advance(),
    });
  }

  /** A failure only keeps the cache off until the listener connects (it retries). */
  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  /** The current generation, or null while changes could go unheard (no cache then). */
  get current(): number | null {
    return this.listener.listening ? this.generation : null;
  }

  advance(): void {
    this.generation++;
  }
}
