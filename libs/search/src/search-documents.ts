import { Injectable } from '@nestjs/common';
import { type ResearchResult, ResultStatus, type TechNeed, NeedStatus } from '@techmatch/catalogue';
import { ChineseSegmenter } from './chinese-segmenter.js';

/** What a results-index document holds: public fields only, never the confidential detail. */
export interface ResultDocument {
  id: string;
  title: string;
  titleSegmented: string;
  summary: string;
  summarySegmented: string;
  keywords: string[];
  keywordsSegmented: string;
  fieldCodes: string[];
  trl: number;
  modes: string[];
  priceMinYuan: number | null;
  priceMaxYuan: number | null;
  institutionId: string;
  institutionName: string;
  institutionKind: string;
  divisionCode: string;
  publishedAt: number;
}

export interface NeedDocument {
  id: string;
  title: string;
  titleSegmented: string;
  description: string;
  descriptionSegmented: string;
  problem: string;
  problemSegmented: string;
  keywords: string[];
  keywordsSegmented: string;
  fieldCodes: string[];
  minTrl: number | null;
  modes: string[];
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  status: string;
  enterpriseId: string;
  enterpriseName: string;
  divisionCode: string;
  publishedAt: number;
}

const SEARCHABLE_NEED_STATUSES: string[] = [
  NeedStatus.OPEN,
  NeedStatus.MATCHING,
  NeedStatus.IN_DEAL,
];

/**
 * Turns catalogue rows into search documents, or into nothing: a result that is not published (or
 * a need that is not live) has no document, so the indexer deletes it. Visibility is decided here,
 * once, and search can then never show what the catalogue would hide.
 */
@Injectable()
export class SearchDocuments {
  constructor(private readonly segmenter: ChineseSegmenter) {}

  result(result: ResearchResult): ResultDocument | null {
    if (result.status !== ResultStatus.PUBLISHED || !result.institution) return null;
    return {
      id: result.id,
      title: result.title,
      titleSegmented: this.segmenter.segment(result.title),
      summary: result.summary,
      summarySegmented: this.segmenter.segment(result.summary),
      keywords: result.keywords,
      keywordsSegmented: this.segmenter.segment(result.keywords.join(' ')),
      fieldCodes: result.fieldCodes,
      trl: result.trl,
      modes: result.modes,
      priceMinYuan: result.priceMinYuan,
      priceMaxYuan: result.priceMaxYuan,
      institutionId: result.institutionId,
      institutionName: result.institution.nameZh,
      institutionKind: result.institution.kind,
      divisionCode: result.institution.divisionCode,
      publishedAt: (result.publishedAt ?? result.createdAt).getTime(),
    };
  }

  need(need: TechNeed): NeedDocument | null {
    if (!SEARCHABLE_NEED_STATUSES.includes(need.status) || !need.enterprise) return null;
    return {
      id: need.id,
      title: need.title,
      titleSegmented: this.segmenter.segment(need.title),
      description: need.description,
      descriptionSegmented: this.segmenter.segment(need.description),
      problem: need.problem,
      problemSegmented: this.segmenter.segment(need.problem),
      keywords: need.keywords,
      keywordsSegmented: this.segmenter.segment(need.keywords.join(' ')),
      fieldCodes: need.fieldCodes,
      minTrl: need.minTrl,
      modes: need.modes,
      budgetMinYuan: need.budgetMinYuan,
      budgetMaxYuan: need.budgetMaxYuan,
      status: need.status,
      enterpriseId: need.enterpriseId,
      enterpriseName: need.enterprise.name,
      divisionCode: need.enterprise.divisionCode,
      publishedAt: (need.publishedAt ?? need.createdAt).getTime(),
    };
  }
}

/** A document of either index. */
export type SearchDocument = ResultDocument | NeedDocument;
