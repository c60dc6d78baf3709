import { AppError } from './app-error.js';
import { ErrorCode } from './error-code.js';
import type { LocalizedMessage } from './localized-message.js';

/** The limits a GraphQL document is measured against before it runs (README, "Security limits"). */
export type QueryLimit = 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens';

const QUERY_LIMITS: Record<
  QueryLimit,
  { code: ErrorCode; text: (limit: number, found: string) => LocalizedMessage }
> = {
  depth: {
    code: ErrorCode.QUERY_TOO_DEEP,
    text: (limit, found) => ({
      zh: `查询嵌套过深：最多 ${limit} 层${found}`,
      en: `The query is nested too deeply: at most ${limit} levels${found}`,
    }),
  },
  cost: {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    text: (limit, found) => ({
      zh: `查询过于复杂：成本上限为 ${limit}${found}；请减少字段或分页大小`,
      en: `The query is too complex: its cost may be at most ${limit}${found}; select fewer fields or smaller pages`,
    }),
  },
  aliases: {
    code: ErrorCode.TOO_MANY_ALIASES,
    text: (limit, found) => ({
      zh: `查询使用的别名过多：最多 ${limit} 个${found}`,
      en: `The query uses too many aliases: at most ${limit}${found}`,
    }),
  },
  directives: {
    code: ErrorCode.TOO_MANY_DIRECTIVES,
    text: (limit, found) => ({
      zh: `查询使用的指令过多：最多 ${limit} 个${found}`,
      en: `The query uses too many directives: at most ${limit}${found}`,
    }),
  },
  tokens: {
    code: ErrorCode.TOO_MANY_TOKENS,
    text: (limit, found) => ({
      zh: `查询文本过长：最多 ${limit} 个词法单元${found}`,
      en: `The query document is too long: at most ${limit} tokens${found}`,
    }),
  },
};

/** A document over one of the query limits; `extensions` carry `limit` and, when known, `found`. */
export class QueryLimitError extends AppError {
  constructor(
    readonly limit: QueryLimit,
    max: number,
    found?: number,
  ) {
    const { code, text } = QUERY_LIMITS[limit];
    const message = text(max, found === undefined ? '' : ` (${found})`);
    super(code, message, found === undefined ? { limit: max } : { limit: max, found });
  }
}

/** An HTTP request carrying more operations than one request may (or any batch, when off). */
export class BatchTooLargeError extends AppError {
  constructor(maxBatchSize: number, received: number) {
    super(
      ErrorCode.BATCH_TOO_LARGE,
      maxBatchSize === 0
        ? {
            zh: '本服务不接受批量请求：每个请求只发送一个操作',
            en: 'This service does not accept batched requests: send one operation per request',
          }
        : {
            zh: `批量请求最多 ${maxBatchSize} 个操作，本请求 ${received} 个`,
            en: `A batched request may hold at most ${maxBatchSize} operations; this one has ${received}`,
          },
      { maxBatchSize, received },
    );
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(
      ErrorCode.PAYLOAD_TOO_LARGE,
      {
        zh: `请求体过大：最多 ${limitBytes} 字节`,
        en: `The request body is too large: at most ${limitBytes} bytes`,
      },
      { limitBytes },
    );
  }
}

/** A body that could not be read as what its content-type says (not JSON, wrong charset …). */
export class MalformedRequestError extends AppError {
  constructor() {
    super(ErrorCode.BAD_REQUEST, {
      zh: '请求体无法解析：应为 UTF-8 编码的 JSON',
      en: 'The request body could not be read: it must be JSON in UTF-8',
    });
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      ErrorCode.RATE_LIMITED,
      {
        zh: `请求过于频繁，请 ${retryAfterSeconds} 秒后重试`,
        en: `Too many requests; try again in ${retryAfterSeconds} s`,
      },
      { retryAfterSeconds },
    );
  }
}
