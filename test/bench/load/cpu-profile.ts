/**
 * The API process's inspector (Chrome DevTools Protocol over a WebSocket): CPU profiles, one per
 * scenario, summarised as CPU time per request by package (node_modules package, @techmatch
 * library, Node's own code, GC), span of work and function; and garbage collection on demand, so
 * that memory is compared between two collected heaps rather than at two random points of GC.
 */
import WebSocket from 'ws';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export class Inspector {
  private next = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.waiting.get(message.id)?.(message.result);
    });
  }

  static connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new Inspector(socket)));
      socket.once('error', reject);
    });
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async start(): Promise<void> {
    await this.send('Profiler.enable');
    await this.send('Profiler.setSamplingInterval', { interval: 250 });
    await this.send('Profiler.start');
  }

  async stop(): Promise<Profile> {
    return ((await this.send('Profiler.stop')) as { profile: Profile }).profile;
  }

  /** A full garbage collection in the API (twice: the first may only schedule finalisers). */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
  }

  /** Bytes of the V8 heap in use. */
  async heapUsed(): Promise<number> {
    return ((await this.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  }

  close(): void {
    this.socket.close();
  }
}

/** Where a frame's code lives: an npm package, one of our libraries, Node itself, or the engine. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith('node:')) return 'node (core)';
  const ours = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (ours) return ours[1] === 'libs' ? `@techmatch/${ours[2]}` : `apps/${ours[2]}`;
  return 'other';
}

/**
 * Spans of work, each counted inclusively: a sample counts for a span when a frame of it is on the
 * sample's stack. They overlap (TypeORM includes the pg calls it makes), and they are lower bounds:
 * code resumed after an await starts a fresh stack under the microtask queue, so an async caller
 * (Apollo's pipeline, graphql's execution) is not on the stack of its continuations.
 */
export const PHASES: Array<[string, (frame: CallFrame) => boolean]> = [
  ['Apollo request pipeline (synchronous part)', (f) => f.functionName === 'processGraphQLRequest'],
  ['graphql-js execution (synchronous part)', (f) => f.url.includes('/graphql/execution/execute')],
  ['TypeORM (query building, pg, hydration)', (f) => f.url.includes('/node_modules/typeorm/')],
  ['pg driver (protocol, parsing rows)', (f) => /\/node_modules\/pg(-[a-z]+)?\//.test(f.url)],
  ['DataLoader batches', (f) => f.url.includes('/node_modules/dataloader/')],
  ['JWT verify (jsonwebtoken)', (f) => f.url.includes('/node_modules/jsonwebtoken/')],
  ['Apollo field instrumentation', (f) => f.url.includes('schemaInstrumentation')],
  ['response JSON', (f) => f.functionName === 'prettyJSONStringify'],
  [
    'class-validator / class-transformer',
    (f) => /\/node_modules\/class-(validator|transformer)\//.test(f.url),
  ],
  ['pino / pino-http', (f) => /\/node_modules\/pino(-http)?\//.test(f.url)],
  ['Meilisearch client (fetch)', (f) => f.url.includes('/node_modules/meilisearch/')],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
];

export interface ProfileSummary {
  /** CPU ms per request (idle excluded), by package and by function, most first. */
  byPackage: Array<[string, number]>;
  byFunction: Array<[string, number]>;
  /** CPU ms per request inside each of PHASES, in its order. */
  byPhase: Array<[string, number]>;
  busyMsPerRequest: number;
}

export function summarise(profile: Profile, requests: number): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  // timeDeltas[i] is the time before sample i: it is charged to the sample before it.
  profile.samples.forEach((id, i) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += micros;
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const file = frame.url.split('/').slice(-2).join('/');
    const name = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(
      `${pkg} ${name}`.trim(),
      (byFunction.get(`${pkg} ${name}`.trim()) ?? 0) + micros,
    );
  }
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseMicros = PHASES.map(() => 0);
  for (const [id, micros] of selfMicros) {
    const hit = PHASES.map(() => false);
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)?.callFrame;
      if (frame) PHASES.forEach(([, matches], i) => (hit[i] ||= matches(frame)));
    }
    hit.forEach((matched, i) => {
      if (matched) phaseMicros[i] = (phaseMicros[i] ?? 0) + micros;
    });
  }
  const perRequest = (entries: Map<string, number>): Array<[string, number]> =>
    [...entries.entries()]
      .map(([key, micros]): [string, number] => [key, micros / 1000 / Math.max(1, requests)])
      .sort((a, b) => b[1] - a[1]);
  return {
    byPackage: perRequest(byPackage),
    byFunction: perRequest(byFunction),
    byPhase: PHASES.map(([label], i) => [
      label,
      (phaseMicros[i] ?? 0) / 1000 / Math.max(1, requests),
    ]),
    busyMsPerRequest: busy / 1000 / Math.max(1, requests),
  };
}
