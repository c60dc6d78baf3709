import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: '搜索同步队列 / The outbox relay that feeds the search indexes' })
export class RelayStatus {
  @Field(() => Int, { description: 'Changes not yet in the index' })
  pending!: number;

  @Field(() => Int, { description: 'Changes that failed too often and wait for an operator' })
  parked!: number;

  @Field(() => Float, { description: 'Age of the oldest pending change, in seconds (0: none)' })
  lagSeconds!: number;
}

@ObjectType()
export class IndexStatus {
  @Field({ description: 'results or needs' })
  role!: string;

  @Field({ description: 'The Meilisearch index uid' })
  uid!: string;

  @Field(() => Int, { nullable: true, description: 'Documents in the index; null if unreachable' })
  documents!: number | null;

  @Field(() => Boolean, { nullable: true })
  isIndexing!: boolean | null;
}

@ObjectType()
export class ParkedChange {
  @Field()
  id!: string;

  @Field()
  topic!: string;

  @Field()
  aggregateId!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: '搜索状态 / Search sync metrics: relay lag and backlog, index sizes' })
export class SearchStatus {
  @Field(() => RelayStatus)
  relay!: RelayStatus;

  @Field(() => [IndexStatus])
  indexes!: IndexStatus[];

  @Field(() => [ParkedChange], { description: 'The 20 most recent parked changes' })
  parked!: ParkedChange[];
}
