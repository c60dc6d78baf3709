// class-transformer's @Type reads decorator metadata; this module is also loaded outside Nest.
import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsJSON,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

export enum LogLevel {
  Fatal = 'fatal',
  Error = 'error',
  Warn = 'warn',
  Info = 'info',
  Debug = 'debug',
  Trace = 'trace',
  Silent = 'silent',
}

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lower)) return true;
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  return value;
};

/** The variables the service reads; anything else in the environment is ignored. */
export const ENVIRONMENT_KEYS = [
  'NODE_ENV',
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'MEILI_URL',
  'MEILI_MASTER_KEY',
  'MEILI_MAX_INDEXING_MEMORY',
  'JWT_SECRET',
  'JWT_EXPIRES_IN',
  'REFRESH_TOKEN_EXPIRES_IN',
  'LOGIN_FAILURES_PER_ACCOUNT',
  'LOGIN_FAILURES_PER_IP',
  'LOGIN_LOCKOUT_DELAY',
  'LOGIN_LOCKOUT_MAX_DELAY',
  'LOGIN_FAILURE_WINDOW',
  'LOG_LEVEL',
  'MIGRATIONS_RUN',
  'DEMO_DATA',
  'GRAPHQL_IDE',
  'GRAPHQL_MAX_DEPTH',
  'GRAPHQL_MAX_COST',
  'GRAPHQL_MAX_ALIASES',
  'GRAPHQL_MAX_DIRECTIVES',
  'GRAPHQL_MAX_TOKENS',
  'GRAPHQL_MAX_BATCH',
  'HTTP_BODY_LIMIT',
  'PUBLIC_CACHE',
  'PUBLIC_CACHE_MAX_AGE_S',
  'PUBLIC_CACHE_MAX_MB',
  'RATE_LIMIT_IP_POINTS',
  'RATE_LIMIT_IP_SECONDS',
  'RATE_LIMIT_USER_POINTS',
  'RATE_LIMIT_USER_SECONDS',
  'TRUST_PROXY',
  'ROYALTY_DUE_DAYS',
  'MEILI_INDEX_PREFIX',
  'SEARCH_RELAY',
  'SEARCH_RELAY_WORKERS',
  'MATCH_RELAY',
  'MATCH_TOP_K',
  'MATCH_NOTIFY_SCORE',
  'MATCH_WEIGHTS',
  'DEAL_SCHEDULER',
  'DEAL_SCHEDULER_INTERVAL_MS',
  'DEAL_TRIAL_REMINDER_DAYS',
  'REPORT_ROLLUP',
  'REPORT_ROLLUP_INTERVAL_MS',
  'REPORT_ROLLUP_MAX_AGE_MS',
  'TEST_CLOCK_AT',
] as const;

const isProduction = (env: Environment): boolean => env.NODE_ENV === NodeEnv.Production;

const BYTES_PER_UNIT = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/**
 * An ISO 8601 instant with its offset (2026-06-01T00:00:00Z), accepted only under NODE_ENV=test:
 * no other environment may move business time.
 */
const TestOnlyInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'testOnlyInstant',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        (args?.object as Environment).NODE_ENV === NodeEnv.Test &&
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
        !Number.isNaN(Date.parse(value)),
      defaultMessage: (args?: ValidationArguments) =>
        (args?.object as Environment).NODE_ENV === NodeEnv.Test
          ? `${args?.property ?? ''} must be an ISO 8601 instant such as 2026-06-01T00:00:00Z`
          : `${args?.property ?? ''} is accepted only with NODE_ENV=test`,
    },
  });

/** A positive whole number of seconds, minutes, hours or days: 30s, 15m, 8h, 30d. */
const Duration = (): PropertyDecorator =>
  Matches(/^[1-9]\d*[smhd]$/, {
    message: (args: ValidationArguments) => `${args.property} must look like 30s, 15m, 8h or 30d`,
  });

// Examples from our own docs (docker/README.md) and the usual stand-ins, with separators removed.
const PLACEHOLDER_SECRET = /atleast32|changeme|replaceme|example|placeholder|yoursecret|secretkey/;

/**
 * A secret that looks generated: not a documented example or stand-in ("change-me…"), and not a
 * short pattern repeated to length (fewer than 8 distinct characters; 32 random hex digits have
 * about 14). Its value is never echoed back (see validate-environment.ts).
 */
const RandomLookingSecret = (): PropertyDecorator =>
  ValidateBy({
    name: 'randomLookingSecret',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        !PLACEHOLDER_SECRET.test(value.toLowerCase().replace(/[^a-z0-9]/g, '')) &&
        new Set(value).size >= 8,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? ''} must be a random value (e.g. openssl rand -base64 48), not an example or a pattern`,
    },
  });

/**
 * Every setting the service reads, with its default. Values come from the process environment (and an
 * optional `.env` file); `validateEnvironment` turns them into this typed object or refuses to start.
 */
export class Environment {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  /** 0 lets the OS choose a free port (used by the e2e tests). */
  // class-validator checks the decorator nearest the property first; stopAtFirstError then reports
  // "must be an integer" for PORT=eighty rather than a range it cannot be in.
  @Type(() => Number)
  @Max(65535)
  @Min(0)
  @IsInt()
  PORT = 3000;

  /** Where the embedded Postgres and Meilisearch keep their files, and where dev secrets live. */
  @IsString()
  @IsNotEmpty()
  DATA_DIR = '.data';

  /** Unset: start the embedded PostgreSQL. Required in production. */
  @ValidateIf((env: Environment) => isProduction(env) || env.DATABASE_URL !== undefined)
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  /** Unset: start the embedded Meilisearch. Required in production. */
  @ValidateIf((env: Environment) => isProduction(env) || env.MEILI_URL !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  MEILI_URL?: string;

  @ValidateIf((env: Environment) => env.MEILI_URL !== undefined)
  @IsString()
  @MinLength(16)
  MEILI_MASTER_KEY?: string;

  /**
   * What the embedded Meilisearch may use for indexing (its --max-indexing-memory: 256MiB, 1GiB).
   * Unset: 256MiB (embedded-meilisearch.ts); Meilisearch's own default, two thirds of the machine's
   * memory, made it the largest part of `npm start` by far. A Meilisearch of your own is configured
   * where it runs.
   */
  @IsOptional()
  @Matches(/^\d+(\.\d+)? ?([kmgtpe]i?b?|b)?$/i, {
    message: 'MEILI_MAX_INDEXING_MEMORY must be a size such as 256MiB or 1GiB',
  })
  MEILI_MAX_INDEXING_MEMORY?: string;

  /**
   * Unset outside production: a random secret is generated once and kept in DATA_DIR. Wherever it is
   * set it must look random: 32+ characters, not an example from our docs, not a short pattern.
   */
  @ValidateIf((env: Environment) => isProduction(env) || env.JWT_SECRET !== undefined)
  @IsString()
  @RandomLookingSecret()
  @MinLength(32)
  JWT_SECRET?: string;

  /** Lifetime of an access token (short: a session lives on through its refresh token). */
  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 8h or 7d' })
  JWT_EXPIRES_IN = '15m';

  /** Lifetime of a refresh token; each refresh issues a new one, so an active session lives on. */
  @Duration()
  REFRESH_TOKEN_EXPIRES_IN = '30d';

  /** Failed logins for one e-mail address (registered or not) before it is locked out. */
  @Type(() => Number)
  @Max(1000)
  @Min(1)
  @IsInt()
  LOGIN_FAILURES_PER_ACCOUNT = 5;

  /** Failed logins from one IP address, whatever the e-mail, before the address is locked out. */
  @Type(() => Number)
  @Max(100_000)
  @Min(1)
  @IsInt()
  LOGIN_FAILURES_PER_IP = 20;

  /** The first lockout; each further failure doubles it, up to LOGIN_LOCKOUT_MAX_DELAY. */
  @Duration()
  LOGIN_LOCKOUT_DELAY = '30s';

  @Duration()
  LOGIN_LOCKOUT_MAX_DELAY = '15m';

  /** Failures are forgotten after this long without another one (and at a successful login). */
  @Duration()
  LOGIN_FAILURE_WINDOW = '1h';

  @IsEnum(LogLevel)
  LOG_LEVEL: LogLevel = LogLevel.Info;

  /** Run pending migrations at start-up (under an advisory lock, so replicas may all try). */
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  // Security limits (README, "Security limits"). The defaults let every query of our own clients
  // and tests through with room to spare; see that section for how each was chosen.

  /** Serve the Altair IDE on GET /graphql (browsers). Defaults to on outside production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHQL_IDE?: boolean;

  /** Deepest field nesting a document may have (the deepest path in today's schema is 7). */
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt()
  GRAPHQL_MAX_DEPTH = 10;

  /** graphql-armor's cost of a document (fields weighted by depth, lists by a literal `first`). */
  @Type(() => Number)
  @Max(10_000_000)
  @Min(1)
  @IsInt()
  GRAPHQL_MAX_COST = 20_000;

  @Type(() => Number)
  @Max(1000)
  @Min(0)
  @IsInt()
  GRAPHQL_MAX_ALIASES = 15;

  @Type(() => Number)
  @Max(1000)
  @Min(0)
  @IsInt()
  GRAPHQL_MAX_DIRECTIVES = 50;

  /** Lexical tokens in a query document, counted before it is parsed. */
  @Type(() => Number)
  @Max(1_000_000)
  @Min(1)
  @IsInt()
  GRAPHQL_MAX_TOKENS = 2000;

  /** Operations in one HTTP request (a JSON array); 0 turns HTTP batching off. */
  @Type(() => Number)
  @Max(100)
  @Min(0)
  @IsInt()
  GRAPHQL_MAX_BATCH = 0;

  /** Largest JSON (or form) request body: bytes, or a number with kb or mb (1 kb = 1024 bytes). */
  @Matches(/^\d{1,9}\s*(b|kb|mb)?$/i, {
    message: 'HTTP_BODY_LIMIT must be bytes, or a number with kb or mb (e.g. 1mb)',
  })
  HTTP_BODY_LIMIT = '1mb';

  /**
   * Anonymous reads of the public catalogue (lists, details, search, taxonomies) are answered from a
   * per-process cache, emptied whenever anything they read changes, on any replica (see
   * apps/api/src/graphql/public-cache/).
   */
  @Transform(toBoolean)
  @IsBoolean()
  PUBLIC_CACHE = true;

  /** A safety net only: a cached answer is dropped after this long even if nothing was announced. */
  @Type(() => Number)
  @Max(86_400)
  @Min(1)
  @IsInt()
  PUBLIC_CACHE_MAX_AGE_S = 300;

  /** Memory the public-read cache may use (MiB of serialized answers); the least recently used go. */
  @Type(() => Number)
  @Max(4096)
  @Min(1)
  @IsInt()
  PUBLIC_CACHE_MAX_MB = 32;

  /**
   * Requests per window from one IP address (IPv6: one /64) without a valid access token, in this
   * process; 0 turns the limit off.
   */
  @Type(() => Number)
  @Max(1_000_000_000)
  @Min(0)
  @IsInt()
  RATE_LIMIT_IP_POINTS = 600;

  @Type(() => Number)
  @Max(86_400)
  @Min(1)
  @IsInt()
  RATE_LIMIT_IP_SECONDS = 60;

  /** Requests per window by one signed-in user, in this process; 0 turns the limit off. */
  @Type(() => Number)
  @Max(1_000_000_000)
  @Min(0)
  @IsInt()
  RATE_LIMIT_USER_POINTS = 1200;

  @Type(() => Number)
  @Max(86_400)
  @Min(1)
  @IsInt()
  RATE_LIMIT_USER_SECONDS = 60;

  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe when taking a client's
   * address. `false` (the socket's address), a hop count, or addresses, subnets and loopback,
   * linklocal, uniquelocal separated by commas. `true` believes anyone: only behind a proxy that
   * overwrites the header.
   */
  @Matches(
    /^(true|false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?))*)$/i,
    {
      message:
        'TRUST_PROXY must be true, false, a hop count, or addresses/subnets (or loopback, linklocal, uniquelocal) separated by commas',
    },
  )
  TRUST_PROXY = 'false';

  /** Index names start with this, so that several deployments (or test runs) share one engine. */
  @Matches(/^[a-z0-9_]{1,40}$/, { message: 'MEILI_INDEX_PREFIX must be 1–40 of a-z, 0-9 and _' })
  MEILI_INDEX_PREFIX = 'techmatch';

  /** Run the outbox relay that keeps Meilisearch in step with Postgres (every replica may run it). */
  @Transform(toBoolean)
  @IsBoolean()
  SEARCH_RELAY = true;

  /** Batches the relay claims at once in this process (the next is read while one is indexed). */
  @Type(() => Number)
  @Max(8)
  @Min(1)
  @IsInt()
  SEARCH_RELAY_WORKERS = 2;

  /** Run the worker that recomputes matches when needs or results change (replica-safe). */
  @Transform(toBoolean)
  @IsBoolean()
  MATCH_RELAY = true;

  /** Matches kept per need. */
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt()
  MATCH_TOP_K = 20;

  /** A new match scoring at least this notifies the enterprise and the brokers. */
  @Type(() => Number)
  @Max(1)
  @Min(0)
  @IsNumber()
  MATCH_NOTIFY_SCORE = 0.6;

  /** Days after the end of a sales period by which its royalty is due (deal payments). */
  @Type(() => Number)
  @Max(365)
  @Min(0)
  @IsInt()
  ROYALTY_DUE_DAYS = 30;

  /**
   * Overrides of the matching weights, as JSON, e.g. {"text":0.6,"geography":0.05}; factors not
   * named keep their defaults (libs/matching/src/scoring/matching-config.ts).
   */
  @IsOptional()
  @IsJSON({ message: 'MATCH_WEIGHTS must be a JSON object such as {"text":0.6}' })
  MATCH_WEIGHTS?: string;

  /**
   * Run the deal scheduler in this API process (every replica may: a deal is moved once, whoever
   * gets to it): trials ended → CONVERSION_DUE, undecided conversions → EXPIRED, trial reminders.
   */
  @Transform(toBoolean)
  @IsBoolean()
  DEAL_SCHEDULER = true;

  /** Pause between two sweeps of the deal scheduler, in milliseconds. */
  @Type(() => Number)
  @Max(86_400_000)
  @Min(50)
  @IsInt()
  DEAL_SCHEDULER_INTERVAL_MS = 60_000;

  /**
   * Days before a trial ends on which its enterprise and broker are reminded, comma-separated
   * (1–9999 each); `none` sends no reminders.
   */
  @Matches(/^(\s*[1-9]\d{0,3}\s*(,\s*[1-9]\d{0,3}\s*)*|\s*none\s*)$/, {
    message: 'DEAL_TRIAL_REMINDER_DAYS must be whole days separated by commas (e.g. 30,7) or none',
  })
  DEAL_TRIAL_REMINDER_DAYS = '30,7';

  /**
   * Keep the reports' monthly rollup and answer reports from it when it is fresh enough (libs/
   * programme/src/reports/rollup). Off: every report counts the records live.
   */
  @Transform(toBoolean)
  @IsBoolean()
  REPORT_ROLLUP = true;

  /** Pause between two rebuilds of the report rollup (one replica rebuilds at a time). */
  @Type(() => Number)
  @Max(86_400_000)
  @Min(1_000)
  @IsInt()
  REPORT_ROLLUP_INTERVAL_MS = 300_000;

  /** A rollup older than this is not used: reports count live until it is rebuilt. */
  @Type(() => Number)
  @Max(604_800_000)
  @Min(1_000)
  @IsInt()
  REPORT_ROLLUP_MAX_AGE_MS = 900_000;

  /**
   * Tests only: where the TestClock of a spawned API process starts (it then stands still). Refused
   * unless NODE_ENV=test, so that no deployment can move business time.
   */
  @IsOptional()
  @TestOnlyInstant()
  TEST_CLOCK_AT?: string;

  /** Load the demo institutions and accounts if they are missing. Defaults to on outside production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA?: boolean;

  get demoData(): boolean {
    return this.DEMO_DATA ?? !isProduction(this);
  }

  get graphqlIde(): boolean {
    return this.GRAPHQL_IDE ?? !isProduction(this);
  }

  /** HTTP_BODY_LIMIT in bytes. */
  get httpBodyLimitBytes(): number {
    const [, amount = '0', unit = 'b'] = /^(\d+)\s*(b|kb|mb)?$/i.exec(this.HTTP_BODY_LIMIT) ?? [];
    return Number(amount) * BYTES_PER_UNIT[unit.toLowerCase() as keyof typeof BYTES_PER_UNIT];
  }

  /** TRUST_PROXY as Express takes it. */
  get trustProxy(): boolean | number | string {
    const value = this.TRUST_PROXY.trim().toLowerCase();
    if (value === 'true' || value === 'false') return value === 'true';
    return /^\d+$/.test(value) ? Number(value) : value;
  }

  get isProduction(): boolean {
    return isProduction(this);
  }
}
