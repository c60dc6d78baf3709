import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ResearchResult, TechNeed } from '@techmatch/catalogue';

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

@ObjectType({ description: 'Matched text with <em>…</em> around the matching words' })
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

  @Field(() => [Facet])
  facets!: Facet[];
}

@ObjectType({ description: 'Matched text with <em>…</em> around the matching words' })
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

  @Field(() => [Facet])
  facets!: Facet[];
}
