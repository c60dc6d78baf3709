import { Logger } from '@nestjs/common';
import pg from 'pg';

/** How often the listening connection proves it is alive (and reads the database's clock). */
const HEARTBEAT_MS = 30_000;
/** Connecting, or a query on the listening connection, taking longer means it is gone. */
const QUERY_TIMEOUT_MS = 10_000;

/** 0.5 s, 1 s, 2 s … capped at 30 s, with jitter so that replicas do not reconnect in step. */
export const reconnectDelay = (attempt: number): number =>
  Math.min(30_000, 500 * 2 ** attempt) + Math.floor(Math.random() * 250);

export interface PgListenerOptions {
  connectionString: string;
  /** Shown in pg_stat_activity (and what tests terminate to simulate an outage). */
  applicationName: string;
  channel: string;
  /** A payload heard on the channel; called in the order Postgres delivered them. */
  onNotification: (payload: string | undefined) => void;
  /**
   * The connection is back after an outage. `lastAlive` is the database's clock when it was last
   * known alive: anything committed since then may have been announced while nobody listened.
   */
  onReconnect: (lastAlive: Date) => void;
  /** Each heartbeat, with the database's clock (to forget what no replay can reach any more). */
  onHeartbeat?: (alive: Date) => void;
}

/**
 * One dedicated connection that LISTENs on one Postgres channel, for a process-wide live fan-out.
 * NOTIFY is delivered at commit to every listening session, so each API replica hears every committed
 * announcement whichever replica wrote it. It is not durable: while the connection is down nothing is
 * heard, so the listener reconnects with backoff and then tells its owner since when it was deaf;
 * the owner replays from its table (NotificationFanout, DealEventFanout).
 */
export class PgListener {
  private readonly logger: Logger;
  private client: pg.Client | null = null;
  private readonly retired = new WeakSet<pg.Client>();
  private stopped = false;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private alive: Date | null = null;

  constructor(private readonly options: PgListenerOptions) {
    this.logger = new Logger(`PgListener(${options.channel})`);
  }

  /** Connects; a failure only schedules a retry, it never throws. */
  start(): Promise<void> {
    this.stopped = false;
    return this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      this.retired.add(client);
      await client.end().catch(() => undefined);
    }
  }

  /** Whether the connection is listening right now. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** The database's clock when the connection was last known alive. */
  get lastAlive(): Date | null {
    return this.alive;
  }

  private async connect(): Promise<void> {
    const { channel } = this.options;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: QUERY_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    // Listeners before connect(): an 'error' without a listener would crash the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === channel) this.options.onNotification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      const { rows } = await client.query<{ now: Date }>('SELECT now() AS now');
      if (this.stopped || this.retired.has(client)) {
        this.retired.add(client);
        await client.end().catch(() => undefined);
        return;
      }
      const outageSince = this.alive;
      this.client = client;
      this.alive = rows[0]?.now ?? new Date();
      this.heartbeatTimer = setInterval(() => void this.heartbeat(client), HEARTBEAT_MS);
      this.heartbeatTimer.unref();
      if (this.attempt > 0) this.logger.log(`Listener on ${channel} reconnected`);
      this.attempt = 0;
      if (outageSince) this.options.onReconnect(outageSince);
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.retired.has(client)) return;
    this.retired.add(client);
    if (this.client === client) {
      this.client = null;
      clearInterval(this.heartbeatTimer);
    }
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = reconnectDelay(this.attempt++);
    const reason = error instanceof Error ? error.message : 'connection ended';
    this.logger.warn(
      `Listener on ${this.options.channel} lost (${reason}); reconnecting in ${delay} ms`,
    );
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private async heartbeat(client: pg.Client): Promise<void> {
    try {
      const { rows } = await client.query<{ now: Date }>('SELECT now() AS now');
      this.alive = rows[0]?.now ?? this.alive;
      if (this.alive) this.options.onHeartbeat?.(this.alive);
    } catch (error) {
      this.lost(client, error);
    }
  }
}
