import type { Provider } from '@nestjs/common';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { Meilisearch } from 'meilisearch';

/** Injection token of the one Meilisearch client of the process. */
export const MEILISEARCH = Symbol('MEILISEARCH');

/**
 * The client is configured once. It speaks over Node's fetch (undici), which keeps connections
 * alive between requests, so a query does not pay for a new TCP connection.
 */
export const meilisearchProvider: Provider = {
  provide: MEILISEARCH,
  inject: [SERVICE_ENDPOINTS],
  useFactory: (endpoints: ServiceEndpoints) =>
    new Meilisearch({ host: endpoints.meiliUrl, apiKey: endpoints.meiliApiKey }),
};
