import { Injectable } from '@nestjs/common';
import { RequestContext } from '@techmatch/common';
import { TaxonomyService } from '@techmatch/catalogue';
import type { DivisionRef, FieldRef } from '../scoring/factors.js';

const TTL_MS = 5 * 60_000;

export interface TaxonomyMaps {
  fields: Map<string, FieldRef>;
  divisions: Map<string, DivisionRef>;
}

/**
 * The field tree and the divisions, kept in memory for scoring: reference data that changes only
 * when a release ships new taxonomy files, so a few minutes' staleness costs nothing.
 */
@Injectable()
export class MatchingTaxonomy {
  private cached: { at: number; maps: Promise<TaxonomyMaps> } | null = null;

  constructor(private readonly taxonomy: TaxonomyService) {}

  maps(): Promise<TaxonomyMaps> {
    if (!this.cached || Date.now() - this.cached.at > TTL_MS) {
      const maps = this.load();
      this.cached = { at: Date.now(), maps };
      maps.catch(() => (this.cached = null));
    }
    return this.cached.maps;
  }

  private async load(): Promise<TaxonomyMaps> {
    const system = RequestContext.system();
    const [fields, divisions] = await Promise.all([
      this.taxonomy.fields(system),
      this.taxonomy.divisions(system),
    ]);
    return {
      fields: new Map(fields.map((field) => [field.code, field])),
      divisions: new Map(divisions.map((division) => [division.code, division])),
    };
  }
}

export const fieldsOf = (maps: TaxonomyMaps, codes: string[]): FieldRef[] =>
  codes.map((code) => maps.fields.get(code)).filter((field) => field !== undefined);
