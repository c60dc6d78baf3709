import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deal scheduler (libs/deals/src/scheduler): reminders sent once per deal and day, indexes for
 * its two questions, the DEAL_TRIAL_ENDING notification kind; and the announcement of every
 * committed deal event on `techmatch_deal_events`, which the `dealEventAdded` subscription hears.
 */
export class DealScheduler1795787914135 implements MigrationInterface {
  name = 'DealScheduler1795787914135';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "deal_reminders" (
                "deal_id" uuid NOT NULL,
                "days_before" integer NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "recipient_count" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_deal_reminders" PRIMARY KEY ("deal_id", "days_before")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_reminders"
            ADD CONSTRAINT "fk_deal_reminders_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // The kind exists since Notifications; the scheduler adds a value (never removed while in use).
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'DEAL_TRIAL_ENDING'`,
    );
    await queryRunner.query(`
            CREATE INDEX "ix_deals_state_conversion_due" ON "deals" ("state", "conversion_due_by")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deals_state_trial_ends" ON "deals" ("state", "trial_ends_at")
        `);
    // NOTIFY is delivered at commit, so a rolled-back change announces nothing. A trigger rather
    // than code: whatever appends an event (a party, the scheduler, payments) announces it.
    await queryRunner.query(`
            CREATE FUNCTION "deal_events_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('techmatch_deal_events', json_build_array(NEW.deal_id, NEW.sequence)::text);
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "deal_events_announce" AFTER INSERT ON "deal_events"
            FOR EACH ROW EXECUTE FUNCTION "deal_events_announce"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "deal_events_announce" ON "deal_events"`);
    await queryRunner.query(`DROP FUNCTION "deal_events_announce"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_state_trial_ends"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deals_state_conversion_due"`);
    // Recreate the kind without our value, keeping whatever other migrations added.
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" = 'DEAL_TRIAL_ENDING'`);
    await queryRunner.query(
      `ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`,
    );
    await queryRunner.query(`
            DO $$ BEGIN
                EXECUTE (
                    SELECT format('CREATE TYPE "public"."notification_kind" AS ENUM(%s)',
                                  string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder))
                      FROM pg_enum
                     WHERE enumtypid = '"public"."notification_kind_old"'::regtype
                       AND enumlabel <> 'DEAL_TRIAL_ENDING'
                );
            END $$
        `);
    await queryRunner.query(
      `ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::text::"public"."notification_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
    await queryRunner.query(
      `ALTER TABLE "deal_reminders" DROP CONSTRAINT "fk_deal_reminders_deal"`,
    );
    await queryRunner.query(`DROP TABLE "deal_reminders"`);
  }
}
