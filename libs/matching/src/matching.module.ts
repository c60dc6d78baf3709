import { Module } from '@nestjs/common';

/** Need↔result matching: candidates, explainable scores, stored matches and their statuses. */
@Module({})
export class MatchingModule {}
