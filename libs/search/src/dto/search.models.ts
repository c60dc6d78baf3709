import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ResearchResult, TechNeed } from '@techmatch/catalogue';
import type { IndexRole } from '../index-definitions.js';

/** What a page's facets are counted over: the words its hits were ranked by, and its filters. */
export interface FacetQuery {
  role: IndexRole;
  words: string;
  filter: string[];
}

@ObjectType()
export class FacetValue {
  @Field()
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class Facet {
  @Field()
  name!: string;

  @Field(() => [FacetValue])
  values!: FacetValue[];
}

@ObjectType({
  description:
    'Matched text, HTML-escaped, with <em>…</em> around the words searched for and their synonyms',
})
export class ResultHighlights {
  @Field()
  title!: string;

  @Field({ description: 'A cropped part of the summary around the matches' })
  summary!: string;
}

@ObjectType()
export class ResultHit {
  @Field(() => ResearchResult)
  result!: ResearchResult;

  @Field(() => Float, { description: 'Meilisearch ranking score, 0–1' })
  score!: number;

  @Field(() => ResultHighlights)
  highlights!: ResultHighlights;
}

@ObjectType()
export class ResultSearchPage {
  @Field(() => Int, { description: 'Estimated number of matches' })
  totalHits!: number;

  @Field(() => [ResultHit])
  hits!: ResultHit[];

  /** Not a field: `facets` is resolved from it, and only when asked for (SearchPageResolver). */
  facetQuery!: FacetQuery;
}

@ObjectType({
  description:
    'Matched text, HTML-escaped, with <em>…</em> around the words searched for and their synonyms',
})
export class NeedHighlights {
  @Field()
  title!: string;

  @Field({ description: 'A cropped part of the description around the matches' })
  description!: string;
}

@ObjectType()
export class NeedHit {
  @Field(() => TechNeed)
  need!: TechNeed;

  @Field(() => Float, { description: 'Meilisearch ranking score, 0–1' })
  score!: number;

  @Field(() => NeedHighlights)
  highlights!: NeedHighlights;
}

@ObjectType()
export class NeedSearchPage {
  @Field(() => Int, { description: 'Estimated number of matches' })
  totalHits!: number;

  @Field(() => [NeedHit])
  hits!: NeedHit[];

  /** Not a field: `facets` is resolved from it, and only when asked for (SearchPageResolver). */
  facetQuery!: FacetQuery;
}
