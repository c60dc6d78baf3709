import { Module } from '@nestjs/common';
import { PublicReadsGeneration } from './public-reads-generation.js';

/** What the GraphQL options need to build the public-read cache (see public-read-cache.ts). */
@Module({
  providers: [PublicReadsGeneration],
  exports: [PublicReadsGeneration],
})
export class PublicCacheModule {}
