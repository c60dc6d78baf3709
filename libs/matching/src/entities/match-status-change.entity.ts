import { Field, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Match } from './match.entity.js';
import { MatchStatus } from './match-status.js';

/** The history of a match's status: who moved it, from what, to what, and their note. */
@ObjectType({ description: '匹配状态变更记录 / A change of a match status' })
@Entity({ name: 'match_status_changes' })
@Index('ix_match_status_changes_match', ['matchId', 'createdAt'])
export class MatchStatusChange extends BaseEntity {
  @Column({ type: 'uuid', name: 'match_id' })
  matchId!: string;

  // The history goes with its match (a suggestion that drops out of the top K is deleted).
  @ManyToOne(() => Match, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id', foreignKeyConstraintName: 'fk_match_status_changes_match' })
  match?: Match;

  @Field(() => MatchStatus)
  @Column({ type: 'enum', enum: MatchStatus, enumName: 'match_status', name: 'from_status' })
  fromStatus!: MatchStatus;

  @Field(() => MatchStatus)
  @Column({ type: 'enum', enum: MatchStatus, enumName: 'match_status', name: 'to_status' })
  toStatus!: MatchStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Null when the system moved it (a dismissed pair suggested again after a material change). */
  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true })
  actorUserId!: string | null;
}
