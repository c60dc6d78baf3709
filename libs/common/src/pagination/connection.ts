import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /**
   * Counted when first awaited (`await page.totalCount`), not before: a count of the whole filtered
   * list costs a query that most clients never ask for. GraphQL awaits it only when a client
   * selects the field.
   */
  totalCount: PromiseLike<number>;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` GraphQL types for a node type, as in the Relay
 * connection spec: edges with cursors, pageInfo, and the total count of the filtered list.
 */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items matching the filter, on all pages' })
    totalCount!: PromiseLike<number>;
  }

  return ConnectionType;
}
