import { Injectable } from '@nestjs/common';
import { ConflictError } from '@techmatch/common';
import type { EntityManager } from 'typeorm';
import type { Exclusivity } from '../entities/deal-enums.js';
import { RIGHTS_HOLDING_STATES } from '../state/deal-transitions.js';
import { conflictingGrants, type Grant } from './exclusivity-rules.js';

// The first key of the two-key advisory lock space for "a patent's grants"; the second is the
// patent id's hash. Distinct from any single-key lock other contexts take.
const PATENT_LOCK_CLASS = 6_0601;

/**
 * Keeps a patent out of two overlapping exclusive deals. Called in the transaction that grants
 * rights (terms agreed): it takes a transaction-scoped advisory lock per patent, in a fixed order
 * (no deadlock between two deals sharing patents), then reads who holds rights. A concurrent grant
 * on the same patent waits for our commit and, reading afresh under READ COMMITTED, sees our deal:
 * of two racing acceptances exactly one wins. Hash collisions only serialise unrelated patents.
 */
@Injectable()
export class ExclusivityGuard {
  async assertFree(
    em: EntityManager,
    dealId: string,
    patentIds: string[],
    terms: { exclusivity: Exclusivity; territoryCodes: string[] },
  ): Promise<void> {
    if (patentIds.length === 0) return;
    const sorted = [...new Set(patentIds)].sort();
    for (const patentId of sorted)
      await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        PATENT_LOCK_CLASS,
        patentId,
      ]);
    const rows = await em.query<
      Array<{
        deal_id: string;
        patent_id: string;
        exclusivity: Exclusivity | null;
        territory_codes: string[];
      }>
    >(
      `SELECT d.id AS deal_id, dp.patent_id, d.exclusivity, d.territory_codes
         FROM deals d JOIN deal_patents dp ON dp.deal_id = d.id
        WHERE dp.patent_id = ANY($1::uuid[]) AND d.id <> $2 AND d.state::text = ANY($3::text[])`,
      [sorted, dealId, RIGHTS_HOLDING_STATES],
    );
    const grants: Grant[] = rows.map((row) => ({
      dealId: row.deal_id,
      patentId: row.patent_id,
      exclusivity: row.exclusivity,
      territoryCodes: row.territory_codes,
    }));
    const conflicts = conflictingGrants(terms, grants);
    if (conflicts.length > 0) {
      const patents = [...new Set(conflicts.map((c) => c.patentId))];
      const deals = [...new Set(conflicts.map((c) => c.dealId))];
      throw new ConflictError(
        {
          zh: `专利已在其他交易中独占或排他许可（或与之区域重叠），不能再签订重叠的许可：${patents.join('、')}`,
          en: `These patents are already licensed in an overlapping exclusive or sole deal: ${patents.join(', ')}`,
        },
        { conflictingDealIds: deals, patentIds: patents },
      );
    }
  }
}
