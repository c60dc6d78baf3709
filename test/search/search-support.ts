import { OutboxService } from '@techmatch/database';
import { OutboxRelay, SEARCH_TOPICS } from '@techmatch/search';
import type { TestApi } from '../utils/test-api.js';

/** Lets the relay index everything pending now (for specs that run without the relay loop). */
export async function drainSearch(api: TestApi): Promise<void> {
  await api.app.get(OutboxRelay).drain();
}

/** Waits until the relay running in the API has nothing left to do. */
export async function converged(api: TestApi, timeoutMs = 60_000): Promise<void> {
  const outbox = api.app.get(OutboxService);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await outbox.stats(SEARCH_TOPICS)).pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`outbox not drained: ${JSON.stringify(await outbox.stats(SEARCH_TOPICS))}`);
}
