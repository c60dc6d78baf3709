/**
 * JSON over node:http with a keep-alive agent: the second HTTP client of the latency benchmark,
 * a reference with the least client overhead Node offers. Node's fetch (undici) offers
 * `accept-encoding: gzip, deflate, br`, Meilisearch then compresses, and the compressed body
 * waits out TCP's delayed ACK: ~47 ms per request instead of ~5 ms. The service's client asks
 * for identity encoding (meilisearch.provider.ts); timing both clients shows the rest of the
 * difference is fetch's own overhead.
 */
import http from 'node:http';

export class KeepAliveJson {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  constructor(private readonly headers: Record<string, string> = {}) {}

  post<T>(url: string, body: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', ...this.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((response.statusCode ?? 500) >= 400) {
              reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`));
              return;
            }
            try {
              resolve(JSON.parse(text) as T);
            } catch {
              reject(new Error(`not JSON: ${text.slice(0, 300)}`));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
