import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidFields } from '../validation/input-validation.pipe.js';
import type { ConnectionShape } from './connection.js';
import type { PageArgs } from './page.args.js';

interface CursorPosition {
  at: string;
  id: string;
}

/** The column a keyset page is ordered by (descending), and how its cursor value is checked. */
export interface SortKey<T> {
  /** SQL expression of the sort value, e.g. `result.created_at` or `match.score`. */
  column: string;
  kind: 'timestamp' | 'number';
  /** Reads the same value from a row. */
  value: (row: T) => Date | number;
}

export const encodeCursor = (position: CursorPosition): string =>
  Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');

const validAt = (at: string, kind: SortKey<never>['kind']): boolean =>
  kind === 'timestamp' ? !Number.isNaN(Date.parse(at)) : Number.isFinite(Number(at));

export function decodeCursor(
  cursor: string,
  kind: SortKey<never>['kind'] = 'timestamp',
): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && validAt(at, kind)) {
      return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidFields([
    {
      path: 'after',
      constraints: ['isCursor'],
      message: { zh: 'after 不是有效的分页游标', en: 'after is not a cursor this API issued' },
    },
  ]);
}

/**
 * A value computed on the first `then` (so on the first `await`), once; never if nobody awaits it.
 * A thenable rather than a getter, so that copying the object holding it starts nothing. Nest's
 * default field resolver returns the property as it is, and graphql-js awaits any thenable.
 */
export function lazily<T>(compute: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    then(onFulfilled, onRejected) {
      started ??= compute();
      return started.then(onFulfilled, onRejected);
    },
  };
}

/**
 * Keyset paging, newest first, on a timestamp column and the id as tie-breaker: stable under
 * concurrent inserts, and as fast on page 500 as on page 1 (no OFFSET). `sortColumn` is the SQL
 * expression of the timestamp (e.g. `result.created_at`); `sortValue` reads the same from a row.
 */
export function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageArgs,
  sortColumn: string,
  sortValue: (row: T) => Date,
): Promise<ConnectionShape<T>> {
  return paginateBy(query, page, { column: sortColumn, kind: 'timestamp', value: sortValue });
}

/** Keyset paging, highest first, on any timestamp or numeric key with the id as tie-breaker. */
export async function paginateBy<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageArgs,
  sort: SortKey<T>,
): Promise<ConnectionShape<T>> {
  const alias = query.alias;
  // Postgres keeps microseconds, cursors (JS dates) milliseconds: compare and sort on the same
  // millisecond-truncated value, or rows sharing a millisecond would be skipped between pages.
  const sortKey =
    sort.kind === 'timestamp' ? `date_trunc('milliseconds', ${sort.column})` : sort.column;
  const cast = sort.kind === 'timestamp' ? 'timestamptz' : 'float8';
  const counted = query.clone();
  const window = query.clone();
  if (page.after) {
    const { at, id } = decodeCursor(page.after, sort.kind);
    window.andWhere(`(${sortKey}, ${alias}.id) < (:cursorAt::${cast}, :cursorId::uuid)`, {
      cursorAt: at,
      cursorId: id,
    });
  }
  const rows = await window
    .orderBy(sortKey, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    // LIMIT, not take(): filters join only many-to-one relations, which never repeat a row.
    .limit(page.first + 1)
    .getMany();
  const items = rows.slice(0, page.first);
  const edges = items.map((node) => {
    const value = sort.value(node);
    const at = value instanceof Date ? value.toISOString() : String(value);
    return { node, cursor: encodeCursor({ at, id: node.id }) };
  });
  return {
    edges,
    totalCount: lazily(() => counted.getCount()),
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
