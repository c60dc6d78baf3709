import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@techmatch/identity';
import { EnterpriseMember } from './enterprises/enterprise-member.entity.js';
import { Enterprise } from './enterprises/enterprise.entity.js';
import { EnterprisesResolver } from './enterprises/enterprises.resolver.js';
import { EnterprisesService } from './enterprises/enterprises.service.js';
import { Institution } from './institutions/institution.entity.js';
import { InstitutionsResolver } from './institutions/institutions.resolver.js';
import { InstitutionsService } from './institutions/institutions.service.js';
import { TechNeed } from './needs/tech-need.entity.js';
import { TechNeedsResolver } from './needs/tech-needs.resolver.js';
import { TechNeedsService } from './needs/tech-needs.service.js';
import { Patent } from './patents/patent.entity.js';
import { PatentRegistry } from './patents/patent-registry.service.js';
import { PatentsResolver } from './patents/patents.resolver.js';
import { PatentsService } from './patents/patents.service.js';
import { Researcher } from './researchers/researcher.entity.js';
import { ResearchersResolver } from './researchers/researchers.resolver.js';
import { ResearchersService } from './researchers/researchers.service.js';
import { ResearchResult } from './results/research-result.entity.js';
import { ResearchResultFieldsResolver } from './results/research-result-fields.resolver.js';
import { ResearchResultsResolver } from './results/research-results.resolver.js';
import { ResearchResultsService } from './results/research-results.service.js';
import { CatalogueAccess } from './shared/catalogue-access.service.js';
import { CatalogueLoaders } from './shared/catalogue-loaders.js';
import { Division } from './taxonomies/division.entity.js';
import { TechField } from './taxonomies/field.entity.js';
import { Industry } from './taxonomies/industry.entity.js';
import { TaxonomyResolver } from './taxonomies/taxonomy.resolver.js';
import { TaxonomyService } from './taxonomies/taxonomy.service.js';

/** The two sides of the market: institutions and their results and patents; enterprises and their needs. */
@Module({
  imports: [
    IdentityModule,
    TypeOrmModule.forFeature([
      Institution,
      Researcher,
      ResearchResult,
      Patent,
      Enterprise,
      EnterpriseMember,
      TechNeed,
      TechField,
      Industry,
      Division,
    ]),
  ],
  providers: [
    CatalogueAccess,
    CatalogueLoaders,
    TaxonomyService,
    TaxonomyResolver,
    InstitutionsService,
    InstitutionsResolver,
    ResearchersService,
    ResearchersResolver,
    PatentRegistry,
    PatentsService,
    PatentsResolver,
    ResearchResultsService,
    ResearchResultsResolver,
    ResearchResultFieldsResolver,
    EnterprisesService,
    EnterprisesResolver,
    TechNeedsService,
    TechNeedsResolver,
  ],
  exports: [
    CatalogueAccess,
    CatalogueLoaders,
    InstitutionsService,
    TaxonomyService,
    ResearchResultsService,
    TechNeedsService,
    EnterprisesService,
    ResearchersService,
  ],
})
export class CatalogueModule {}
