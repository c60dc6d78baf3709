import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matching1795776794572 implements MigrationInterface {
  name = 'Matching1795776794572';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."match_status" AS ENUM(
                'SUGGESTED',
                'SHORTLISTED',
                'DISMISSED',
                'CONTACTED',
                'IN_DEAL'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "match_status_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "match_id" uuid NOT NULL,
                "from_status" "public"."match_status" NOT NULL,
                "to_status" "public"."match_status" NOT NULL,
                "note" text,
                "actor_user_id" uuid,
                CONSTRAINT "PK_a32bf7d1d1640df914e5c23d707" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_match_status_changes_match" ON "match_status_changes" ("match_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "matches" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "need_id" uuid NOT NULL,
                "result_id" uuid NOT NULL,
                "score" double precision NOT NULL,
                "rank" smallint,
                "factors" jsonb NOT NULL,
                "matched_terms" text array NOT NULL DEFAULT '{}',
                "programme_eligible" boolean NOT NULL DEFAULT false,
                "status" "public"."match_status" NOT NULL DEFAULT 'SUGGESTED',
                "status_note" text,
                "status_changed_at" TIMESTAMP WITH TIME ZONE,
                "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "need_fingerprint" character(40) NOT NULL,
                "result_fingerprint" character(40) NOT NULL,
                CONSTRAINT "ck_matches_score" CHECK (
                    score >= 0
                    AND score <= 1
                ),
                CONSTRAINT "PK_8a22c7b2e0828988d51256117f4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_matches_result_score" ON "matches" ("result_id", "score")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_matches_need_score" ON "matches" ("need_id", "score")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_matches_need_result" ON "matches" ("need_id", "result_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "matches"
            ADD CONSTRAINT "FK_53700350f1815df6cdec2f93f5e" FOREIGN KEY ("need_id") REFERENCES "tech_needs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "matches"
            ADD CONSTRAINT "FK_64508d59ebf71bc0a24865683cf" FOREIGN KEY ("result_id") REFERENCES "research_results"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "match_status_changes"
            ADD CONSTRAINT "fk_match_status_changes_match" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "match_status_changes" DROP CONSTRAINT "fk_match_status_changes_match"
        `);
    await queryRunner.query(`
            ALTER TABLE "matches" DROP CONSTRAINT "FK_64508d59ebf71bc0a24865683cf"
        `);
    await queryRunner.query(`
            ALTER TABLE "matches" DROP CONSTRAINT "FK_53700350f1815df6cdec2f93f5e"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_matches_need_result"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_matches_need_score"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_matches_result_score"
        `);
    await queryRunner.query(`
            DROP TABLE "matches"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_match_status_changes_match"
        `);
    await queryRunner.query(`
            DROP TABLE "match_status_changes"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."match_status"
        `);
  }
}
