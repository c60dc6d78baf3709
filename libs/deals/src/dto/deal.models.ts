import { ObjectType } from '@nestjs/graphql';
import { Connection } from '@techmatch/common';
import { Deal } from '../entities/deal.entity.js';

@ObjectType()
export class DealConnection extends Connection(Deal, 'Deal') {}
