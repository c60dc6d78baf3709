import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { Environment } from '@techmatch/common';

/**
 * JSON logs (one line per event, with a request id) in production; readable lines on a developer's
 * terminal. Authorization headers and passwords are never written.
 */
export function loggerOptions(env: Environment, interactive: boolean): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (req: IncomingMessage) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && given.length <= 100 ? given : randomUUID();
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.password'],
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
      transport:
        interactive && !env.isProduction
          ? { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } }
          : undefined,
    },
  };
}
