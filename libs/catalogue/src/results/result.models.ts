import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@techmatch/common';
import { ResearchResult } from './research-result.entity.js';

@ObjectType()
export class ResearchResultConnection extends Connection(ResearchResult, 'ResearchResult') {}
