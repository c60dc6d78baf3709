import { Patent } from '@techmatch/catalogue';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Deal } from './deal.entity.js';

/** A patent under licence in a deal. Indexed by patent: the exclusivity check asks "who else holds it?". */
@Entity({ name: 'deal_patents' })
@Index('ix_deal_patents_patent', ['patentId'])
export class DealPatent {
  @PrimaryColumn({ type: 'uuid', name: 'deal_id' })
  dealId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'patent_id' })
  patentId!: string;

  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_patents_deal' })
  deal?: Deal;

  @ManyToOne(() => Patent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'patent_id', foreignKeyConstraintName: 'fk_deal_patents_patent' })
  patent?: Patent;
}
