import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Institution } from './institutions/institution.entity.js';
import { InstitutionsResolver } from './institutions/institutions.resolver.js';
import { InstitutionsService } from './institutions/institutions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Institution])],
  providers: [InstitutionsService, InstitutionsResolver],
  exports: [InstitutionsService],
})
export class CatalogueModule {}
