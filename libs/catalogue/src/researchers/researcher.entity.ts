import { Field, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { User } from '@techmatch/identity';
import { Institution } from '../institutions/institution.entity.js';

/** A RESEARCHER user bound to the institution whose results they may list and edit. */
@ObjectType({ description: '科研人员 / A researcher at an institution' })
@Entity({ name: 'researchers' })
export class Researcher {
  @Field({ description: 'The user id of the researcher' })
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Field()
  @Column({ type: 'varchar', length: 100, name: 'display_name' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: '职称, e.g. 教授' })
  @Column({ type: 'varchar', length: 50, nullable: true })
  title!: string | null;

  @Field()
  @Index('ix_researchers_institution')
  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId!: string;

  @ManyToOne(() => Institution, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Institution;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
