import { MigrationInterface, QueryRunner } from 'typeorm';

/** Deals (libs/deals): deals, their patents, offers and the append-only event log. */
export class Deals1795779481230 implements MigrationInterface {
  name = 'Deals1795779481230';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The kind exists since Notifications; deals add a value (never removed while in use).
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'DEAL_UPDATED'`,
    );
    await queryRunner.query(`
            CREATE TYPE "public"."deal_kind" AS ENUM(
                'TRIAL_FIRST_LICENSE',
                'LICENSE',
                'TRANSFER',
                'JOINT_DEVELOPMENT'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_state" AS ENUM(
                'PROPOSED',
                'NEGOTIATING',
                'TRIAL_ACTIVE',
                'CONVERSION_DUE',
                'CONVERTED',
                'RETURNED',
                'EXPIRED',
                'LICENSED',
                'WITHDRAWN'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_exclusivity" AS ENUM('EXCLUSIVE', 'SOLE', 'NON_EXCLUSIVE')
        `);
    await queryRunner.query(`
            CREATE TABLE "deals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" "public"."deal_kind" NOT NULL,
                "state" "public"."deal_state" NOT NULL DEFAULT 'PROPOSED',
                "version" integer NOT NULL DEFAULT '1',
                "title" character varying(200) NOT NULL,
                "need_id" uuid,
                "result_id" uuid,
                "enterprise_id" uuid NOT NULL,
                "institution_id" uuid NOT NULL,
                "division_code" character varying(12) NOT NULL,
                "broker_user_id" uuid,
                "opened_by_user_id" uuid NOT NULL,
                "current_offer_id" uuid,
                "agreed_offer_id" uuid,
                "exclusivity" "public"."deal_exclusivity",
                "territory_codes" character varying(12) array NOT NULL DEFAULT '{}',
                "trial_started_at" TIMESTAMP WITH TIME ZONE,
                "trial_ends_at" TIMESTAMP WITH TIME ZONE,
                "conversion_due_by" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_deals_sides" CHECK (
                    (
                        need_id IS NOT NULL
                        OR result_id IS NOT NULL
                    )
                ),
                CONSTRAINT "PK_8c66f03b250f613ff8615940b4b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deals_need" ON "deals" ("need_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deals_result" ON "deals" ("result_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deals_enterprise" ON "deals" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deals_institution" ON "deals" ("institution_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deals_state_created" ON "deals" ("state", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_side" AS ENUM('BROKER', 'ENTERPRISE', 'INSTITUTION', 'SYSTEM')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_offer_status" AS ENUM('OPEN', 'SUPERSEDED', 'ACCEPTED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_fee_model" AS ENUM('LUMP_SUM', 'ROYALTY', 'ENTRY_PLUS_ROYALTY')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_royalty_base" AS ENUM('NET_SALES')
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_offers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deal_id" uuid NOT NULL,
                "revision" integer NOT NULL,
                "proposed_by" "public"."deal_side" NOT NULL,
                "proposed_by_user_id" uuid NOT NULL,
                "status" "public"."deal_offer_status" NOT NULL DEFAULT 'OPEN',
                "fee_model" "public"."deal_fee_model" NOT NULL,
                "lump_sum_fen" bigint,
                "entry_fee_fen" bigint,
                "royalty_rate_bp" integer,
                "royalty_base" "public"."deal_royalty_base",
                "trial_days" integer,
                "conversion_grace_days" integer,
                "exclusivity" "public"."deal_exclusivity" NOT NULL,
                "territory_codes" character varying(12) array NOT NULL DEFAULT '{}',
                "territory_note" text,
                "payment_schedule" jsonb NOT NULL DEFAULT '[]',
                "note" text,
                "enterprise_accepted_at" TIMESTAMP WITH TIME ZONE,
                "institution_accepted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6b6050362cf0a45f41aa0380287" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_offers_deal_revision" ON "deal_offers" ("deal_id", "revision")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_event_type" AS ENUM(
                'OPENED',
                'OFFER_PROPOSED',
                'OFFER_ACCEPTED',
                'TERMS_AGREED',
                'TRANSITIONED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "deal_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "type" "public"."deal_event_type" NOT NULL,
                "action" character varying(40),
                "actor_side" "public"."deal_side" NOT NULL,
                "actor_user_id" uuid,
                "from_state" "public"."deal_state" NOT NULL,
                "to_state" "public"."deal_state" NOT NULL,
                "before" jsonb NOT NULL,
                "after" jsonb NOT NULL,
                "note" text,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2f01d0518eac053189e8c044a55" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_events_deal_sequence" ON "deal_events" ("deal_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_patents" (
                "deal_id" uuid NOT NULL,
                "patent_id" uuid NOT NULL,
                CONSTRAINT "PK_29ad18843294bcbcb99c07eb4ec" PRIMARY KEY ("deal_id", "patent_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_patents_patent" ON "deal_patents" ("patent_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "deals"
            ADD CONSTRAINT "fk_deals_need" FOREIGN KEY ("need_id") REFERENCES "tech_needs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deals"
            ADD CONSTRAINT "fk_deals_result" FOREIGN KEY ("result_id") REFERENCES "research_results"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deals"
            ADD CONSTRAINT "fk_deals_enterprise" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deals"
            ADD CONSTRAINT "fk_deals_institution" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_offers"
            ADD CONSTRAINT "fk_deal_offers_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_events"
            ADD CONSTRAINT "fk_deal_events_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_patents"
            ADD CONSTRAINT "fk_deal_patents_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_patents"
            ADD CONSTRAINT "fk_deal_patents_patent" FOREIGN KEY ("patent_id") REFERENCES "patents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // The audit trail is append-only for everyone, admins and the API's own role included: rows
    // may be inserted, never changed or removed. (Only dropping the table, or a superuser disabling
    // the trigger, gets past this, and both leave traces outside the API.)
    await queryRunner.query(`
            CREATE FUNCTION "deal_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'deal_events is append-only: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "deal_events_no_update_or_delete" BEFORE UPDATE OR DELETE ON "deal_events"
            FOR EACH ROW EXECUTE FUNCTION "deal_events_append_only"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "deal_events_no_truncate" BEFORE TRUNCATE ON "deal_events"
            FOR EACH STATEMENT EXECUTE FUNCTION "deal_events_append_only"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "deal_events_no_truncate" ON "deal_events"`);
    await queryRunner.query(`DROP TRIGGER "deal_events_no_update_or_delete" ON "deal_events"`);
    await queryRunner.query(`DROP FUNCTION "deal_events_append_only"()`);
    await queryRunner.query(`ALTER TABLE "deal_patents" DROP CONSTRAINT "fk_deal_patents_patent"`);
    await queryRunner.query(`ALTER TABLE "deal_patents" DROP CONSTRAINT "fk_deal_patents_deal"`);
    await queryRunner.query(`ALTER TABLE "deal_events" DROP CONSTRAINT "fk_deal_events_deal"`);
    await queryRunner.query(`ALTER TABLE "deal_offers" DROP CONSTRAINT "fk_deal_offers_deal"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "fk_deals_institution"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "fk_deals_enterprise"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "fk_deals_result"`);
    await queryRunner.query(`ALTER TABLE "deals" DROP CONSTRAINT "fk_deals_need"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deal_patents_patent"`);
    await queryRunner.query(`DROP TABLE "deal_patents"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deal_events_deal_sequence"`);
    await queryRunner.query(`DROP TABLE "deal_events"`);
    await queryRunner.query(`DROP TYPE "public"."deal_event_type"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deal_offers_deal_revision"`);
    await queryRunner.query(`DROP TABLE "deal_offers"`);
    await queryRunner.query(`DROP TYPE "public"."deal_royalty_base"`);
    await queryRunner.query(`DROP TYPE "public"."deal_fee_model"`);
    await queryRunner.query(`DROP TYPE "public"."deal_offer_status"`);
    await queryRunner.query(`DROP TYPE "public"."deal_side"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_state_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_institution"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_result"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_need"`);
    await queryRunner.query(`DROP TABLE "deals"`);
    await queryRunner.query(`DROP TYPE "public"."deal_exclusivity"`);
    await queryRunner.query(`DROP TYPE "public"."deal_state"`);
    await queryRunner.query(`DROP TYPE "public"."deal_kind"`);
    // Postgres cannot drop an enum value: rebuild the type without it (and without its rows).
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" = 'DEAL_UPDATED'`);
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`,
    );
    await queryRunner.query(`CREATE TYPE "public"."notification_kind" AS ENUM('MATCH_SUGGESTED')`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::text::"public"."notification_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
  }
}
