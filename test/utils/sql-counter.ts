import { DataSource, type Logger } from 'typeorm';
import type { TestApi } from './test-api.js';

/**
 * Counts the SQL statements the API sends while `work` runs, by wrapping TypeORM's logger (every
 * query passes through logQuery, whatever the logging settings). The transaction statements
 * (START/COMMIT) are counted too: they are round trips as well.
 */
export async function countStatements(
  api: TestApi,
  work: () => Promise<unknown>,
): Promise<string[]> {
  const dataSource = api.app.get(DataSource);
  const original = dataSource.logger;
  const seen: string[] = [];
  const counting: Logger = new Proxy(original, {
    get(target, property, receiver) {
      if (property === 'logQuery') {
        return (query: string, ...rest: unknown[]) => {
          seen.push(query);
          return (target.logQuery as (...args: unknown[]) => unknown).call(target, query, ...rest);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  Object.assign(dataSource, { logger: counting });
  try {
    await work();
  } finally {
    Object.assign(dataSource, { logger: original });
  }
  return seen;
}
