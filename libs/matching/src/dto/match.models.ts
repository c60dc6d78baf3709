import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@techmatch/common';
import { Match } from '../entities/match.entity.js';

@ObjectType()
export class MatchConnection extends Connection(Match, 'Match') {}
