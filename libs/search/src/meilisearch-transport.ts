import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { Agent, request } from 'undici';

/** What the Meilisearch client hands its `httpClient`: fetch's arguments. */
type FetchArguments = Parameters<typeof fetch>;

/**
 * The Meilisearch client's HTTP transport: undici's `request` over a pool of kept-alive
 * connections, instead of the client's default, Node's fetch.
 *
 * Why: fetch is undici too, but behind the WHATWG layer (Request, Response, Headers, web streams).
 * Per search it cost 3.2 ms of CPU in the API process against 1.1 ms for the same request over
 * undici's own API (test/bench/README.md, "Search latency"), and a search is a round trip of
 * about 3 ms: the layer was the larger part of the API's share.
 *
 * The client's `httpClient` hook is marked deprecated (meilisearch-js issue 1824, a replacement is
 * planned); the version is pinned by the lock file, and this class is the one place to change.
 *
 * The hook's contract: return the parsed body, throw on anything else. The client wraps whatever
 * the hook throws in a MeilisearchRequestError, so an API error (a 4xx about a document, say)
 * arrives as the `cause` of one: `engineError` takes it out again.
 */
@Injectable()
export class MeilisearchTransport implements OnApplicationShutdown {
  private readonly agent = new Agent({ connections: 32 });

  readonly send = async (...[input, init]: FetchArguments): Promise<unknown> => {
    const body = init?.body ?? undefined;
    // The client sends JSON, NDJSON or CSV text; anything else would be a new client feature.
    if (body !== undefined && typeof body !== 'string')
      throw new TypeError('MeilisearchTransport sends text bodies only');
    const response = await request(input instanceof Request ? input.url : input, {
      dispatcher: this.agent,
      method: init?.method ?? 'GET',
      headers: this.plainHeaders(init?.headers),
      body,
      signal: init?.signal ?? undefined,
    });
    const text = await response.body.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (response.statusCode >= 400) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      throw new MeilisearchApiError(
        new Response(text === '' ? null : text, { status: response.statusCode, headers }),
        parsed as ConstructorParameters<typeof MeilisearchApiError>[1],
      );
    }
    return parsed;
  };

  /**
   * The client hands the same Headers object to every request that adds none of its own (search
   * does not): it is converted once, not per request.
   */
  private plainHeaders(headers: RequestInit['headers']): Record<string, string> {
    if (!(headers instanceof Headers)) return Object.fromEntries(new Headers(headers));
    let plain = this.converted.get(headers);
    if (!plain) {
      plain = Object.fromEntries(headers);
      this.converted.set(headers, plain);
    }
    return plain;
  }

  private readonly converted = new WeakMap<Headers, Record<string, string>>();

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}

/** The error the engine answered with, out of the client's wrapping of the transport's throw. */
export const engineError = (error: unknown): unknown =>
  error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError
    ? error.cause
    : error;
