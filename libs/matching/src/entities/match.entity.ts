import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@techmatch/database';
import { ResearchResult, TechNeed } from '@techmatch/catalogue';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MatchFactorKind, MatchStatus } from './match-status.js';

/** One factor of a score: its value, its weight, what it added, and why, in both languages. */
@ObjectType({ description: '评分因素 / One factor behind a match score' })
export class MatchFactor {
  @Field(() => MatchFactorKind)
  kind!: MatchFactorKind;

  @Field(() => Float, { description: 'How well the pair does on this factor, 0–1' })
  value!: number;

  @Field(() => Float, { description: 'The configured weight' })
  weight!: number;

  @Field(() => Float, {
    description: 'What the factor adds to the score: weight × value over the weights that apply',
  })
  contribution!: number;

  @Field()
  reasonZh!: string;

  @Field()
  reasonEn!: string;
}

/**
 * A need × result pair worth a broker's attention: the stored top K of a need, plus every pair a
 * person has acted on (shortlisted, dismissed, …), which recomputation never forgets.
 */
@ObjectType({ description: '需求与成果的匹配 / A scored need↔result pair' })
@Entity({ name: 'matches' })
@Index('uq_matches_need_result', ['needId', 'resultId'], { unique: true })
@Index('ix_matches_need_score', ['needId', 'score'])
@Index('ix_matches_result_score', ['resultId', 'score'])
@Check('ck_matches_score', 'score >= 0 AND score <= 1')
export class Match extends BaseEntity {
  @Field()
  @Column({ type: 'uuid', name: 'need_id' })
  needId!: string;

  @ManyToOne(() => TechNeed, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'need_id' })
  need?: TechNeed;

  @Field()
  @Column({ type: 'uuid', name: 'result_id' })
  resultId!: string;

  @ManyToOne(() => ResearchResult, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'result_id' })
  result?: ResearchResult;

  @Field(() => Float, { description: 'Weighted score, 0–1' })
  @Column({ type: 'double precision' })
  score!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Position in the need's current top K; null when it has dropped out",
  })
  @Column({ type: 'smallint', nullable: true })
  rank!: number | null;

  @Field(() => [MatchFactor])
  @Column({ type: 'jsonb' })
  factors!: MatchFactor[];

  @Field(() => [String], { description: 'Query words found in the result' })
  @Column({ type: 'text', array: true, name: 'matched_terms', default: [] })
  matchedTerms!: string[];

  @Field({ description: '市研县产: an urban-district institution serving a county enterprise' })
  @Column({ type: 'boolean', name: 'programme_eligible', default: false })
  programmeEligible!: boolean;

  @Field(() => MatchStatus)
  @Column({
    type: 'enum',
    enum: MatchStatus,
    enumName: 'match_status',
    default: MatchStatus.SUGGESTED,
  })
  status!: MatchStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', name: 'status_note', nullable: true })
  statusNote!: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', name: 'status_changed_at', nullable: true })
  statusChangedAt!: Date | null;

  @Field()
  @Column({ type: 'timestamptz', name: 'computed_at' })
  computedAt!: Date;

  /** Fingerprints of the material fields of both sides when last scored (or when dismissed). */
  @Column({ type: 'char', length: 40, name: 'need_fingerprint' })
  needFingerprint!: string;

  @Column({ type: 'char', length: 40, name: 'result_fingerprint' })
  resultFingerprint!: string;
}
