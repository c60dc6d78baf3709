import type { Provider } from '@nestjs/common';
import { SERVICE_ENDPOINTS, type ServiceEndpoints } from '@techmatch/common';
import { Meilisearch } from 'meilisearch';
import { MeilisearchTransport } from './meilisearch-transport.js';

/** Injection token of the one Meilisearch client of the process. */
export const MEILISEARCH = Symbol('MEILISEARCH');

/**
 * The client is configured once. It speaks over undici's request API (MeilisearchTransport), which
 * keeps connections alive between requests, so a query does not pay for a new TCP connection.
 *
 * It asks for uncompressed responses. Compressed bodies arrive in segments that wait out TCP's
 * delayed ACK: with fetch, which offers `gzip, deflate, br` by default, every request took ~47 ms
 * instead of ~5 ms on a kept-alive connection (measured with Meilisearch 1.21 on Node 20; see
 * test/bench/README.md). Compression buys nothing between neighbouring services.
 */
export const meilisearchProvider: Provider = {
  provide: MEILISEARCH,
  inject: [SERVICE_ENDPOINTS, MeilisearchTransport],
  useFactory: (endpoints: ServiceEndpoints, transport: MeilisearchTransport) =>
    new Meilisearch({
      host: endpoints.meiliUrl,
      apiKey: endpoints.meiliApiKey,
      requestInit: { headers: { 'accept-encoding': 'identity' } },
      httpClient: transport.send,
    }),
};
