import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@techmatch/identity';
import { Enterprise } from './enterprise.entity.js';

/** Binds an ENTERPRISE user to the enterprise it acts for (one enterprise per user). */
@Entity({ name: 'enterprise_members' })
export class EnterpriseMember {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('ix_enterprise_members_enterprise')
  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId!: string;

  @ManyToOne(() => Enterprise, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;
}
