import type { Enterprise } from '../enterprises/enterprise.entity.js';
import type { TechNeed } from '../needs/tech-need.entity.js';
import type { Patent } from '../patents/patent.entity.js';
import type { ResearchResult } from '../results/research-result.entity.js';

type Plain<T, Omitted extends keyof T> = Omit<
  T,
  'id' | 'createdAt' | 'updatedAt' | 'version' | Omitted
>;

/**
 * Rows for bulk loading (demo data now, spreadsheet imports later). Each carries a natural key
 * (`sourceKey`, or the credit code for enterprises), so loading the same rows twice adds nothing.
 */
export type ResultImportRow = Plain<
  ResearchResult,
  'institution' | 'researchers' | 'publishedAt'
> & {
  sourceKey: string;
  patents: Array<Plain<Patent, 'result' | 'resultId'>>;
};

export type EnterpriseImportRow = Plain<Enterprise, 'division' | 'industry'>;

export type NeedImportRow = Plain<TechNeed, 'enterprise' | 'publishedAt'> & { sourceKey: string };
