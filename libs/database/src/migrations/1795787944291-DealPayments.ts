import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deal payments (libs/deals/src/payments): instalments, sales reports, payments and the ledger, all
 * append-only; two new deal event types.
 */
const APPEND_ONLY = [
  'deal_sales_reports',
  'deal_instalments',
  'deal_payments',
  'deal_ledger_entries',
];

export class DealPayments1795787944291 implements MigrationInterface {
  name = 'DealPayments1795787944291';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "deal_sales_reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "deal_id" uuid NOT NULL,
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "net_sales_fen" bigint NOT NULL,
                "royalty_rate_bp" integer NOT NULL,
                "royalty_fen" bigint NOT NULL,
                "reported_by_side" "public"."deal_side" NOT NULL,
                "reported_by_user_id" uuid NOT NULL,
                "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_deal_sales_reports_amounts" CHECK (
                    net_sales_fen >= 0
                    AND royalty_fen >= 0
                ),
                CONSTRAINT "ck_deal_sales_reports_period" CHECK (period_start <= period_end),
                CONSTRAINT "PK_81fc5f0534a904a2cca2834ff20" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_sales_reports_period" ON "deal_sales_reports" ("deal_id", "period_start", "period_end")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_instalment_kind" AS ENUM('SCHEDULED', 'ROYALTY')
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_instalments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "deal_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "kind" "public"."deal_instalment_kind" NOT NULL,
                "due_on" date NOT NULL,
                "offer_id" uuid,
                "sales_report_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b6fd796ab37677d09aedbe7a23b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_instalments_sales_report" ON "deal_instalments" ("sales_report_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_instalments_due" ON "deal_instalments" ("due_on")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_instalments_deal_sequence" ON "deal_instalments" ("deal_id", "sequence")
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_payments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "deal_id" uuid NOT NULL,
                "instalment_id" uuid NOT NULL,
                "amount_fen" bigint NOT NULL,
                "idempotency_key" character varying(100) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "paid_on" date NOT NULL,
                "reference" character varying(100),
                "note" text,
                "recorded_by_user_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_deal_payments_amount" CHECK (amount_fen > 0),
                CONSTRAINT "PK_c4741e25445885479eb989054af" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_payments_deal" ON "deal_payments" ("deal_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_payments_instalment" ON "deal_payments" ("instalment_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_payments_idempotency_key" ON "deal_payments" ("idempotency_key")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_ledger_entry_kind" AS ENUM('CHARGE', 'PAYMENT')
        `);
    await queryRunner.query(`
            CREATE TABLE "deal_ledger_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "deal_id" uuid NOT NULL,
                "sequence" integer NOT NULL,
                "kind" "public"."deal_ledger_entry_kind" NOT NULL,
                "amount_fen" bigint NOT NULL,
                "instalment_id" uuid NOT NULL,
                "payment_id" uuid,
                "event_sequence" integer NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_deal_ledger_entries_payment" CHECK ((kind = 'PAYMENT') = (payment_id IS NOT NULL)),
                CONSTRAINT "ck_deal_ledger_entries_amount" CHECK (amount_fen > 0),
                CONSTRAINT "PK_9733a4447be3b69308d9ae85c2f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_deal_ledger_entries_instalment" ON "deal_ledger_entries" ("instalment_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_ledger_entries_payment" ON "deal_ledger_entries" ("payment_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_deal_ledger_entries_deal_sequence" ON "deal_ledger_entries" ("deal_id", "sequence")
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."deal_event_type"
            ADD VALUE 'SALES_REPORTED'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."deal_event_type"
            ADD VALUE 'PAYMENT_RECORDED'
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_sales_reports"
            ADD CONSTRAINT "fk_deal_sales_reports_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_instalments"
            ADD CONSTRAINT "fk_deal_instalments_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_instalments"
            ADD CONSTRAINT "fk_deal_instalments_offer" FOREIGN KEY ("offer_id") REFERENCES "deal_offers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_instalments"
            ADD CONSTRAINT "fk_deal_instalments_sales_report" FOREIGN KEY ("sales_report_id") REFERENCES "deal_sales_reports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_payments"
            ADD CONSTRAINT "fk_deal_payments_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_payments"
            ADD CONSTRAINT "fk_deal_payments_instalment" FOREIGN KEY ("instalment_id") REFERENCES "deal_instalments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_ledger_entries"
            ADD CONSTRAINT "fk_deal_ledger_entries_deal" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_ledger_entries"
            ADD CONSTRAINT "fk_deal_ledger_entries_instalment" FOREIGN KEY ("instalment_id") REFERENCES "deal_instalments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_ledger_entries"
            ADD CONSTRAINT "fk_deal_ledger_entries_payment" FOREIGN KEY ("payment_id") REFERENCES "deal_payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Money is append-only, like deal_events: the ledger, the payments received, the sales
    // reported and the instalments charged are never rewritten (a mistake is corrected by a new
    // row), whoever connects. Balances are sums over these rows, so they cannot drift either.
    await queryRunner.query(`
            CREATE FUNCTION "deal_money_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END
            $$
        `);
    for (const table of APPEND_ONLY) {
      await queryRunner.query(`
                CREATE TRIGGER "${table}_no_update_or_delete" BEFORE UPDATE OR DELETE ON "${table}"
                FOR EACH ROW EXECUTE FUNCTION "deal_money_append_only"()
            `);
      await queryRunner.query(`
                CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION "deal_money_append_only"()
            `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...APPEND_ONLY].reverse()) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_no_update_or_delete" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "deal_money_append_only"()`);
    await queryRunner.query(`
            ALTER TABLE "deal_ledger_entries" DROP CONSTRAINT "fk_deal_ledger_entries_payment"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_ledger_entries" DROP CONSTRAINT "fk_deal_ledger_entries_instalment"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_ledger_entries" DROP CONSTRAINT "fk_deal_ledger_entries_deal"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_payments" DROP CONSTRAINT "fk_deal_payments_instalment"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_payments" DROP CONSTRAINT "fk_deal_payments_deal"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_instalments" DROP CONSTRAINT "fk_deal_instalments_sales_report"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_instalments" DROP CONSTRAINT "fk_deal_instalments_offer"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_instalments" DROP CONSTRAINT "fk_deal_instalments_deal"
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_sales_reports" DROP CONSTRAINT "fk_deal_sales_reports_deal"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."deal_event_type_old" AS ENUM(
                'OPENED',
                'OFFER_PROPOSED',
                'OFFER_ACCEPTED',
                'TERMS_AGREED',
                'TRANSITIONED'
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "deal_events"
            ALTER COLUMN "type" TYPE "public"."deal_event_type_old" USING "type"::"text"::"public"."deal_event_type_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."deal_event_type"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."deal_event_type_old"
            RENAME TO "deal_event_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_ledger_entries_deal_sequence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_ledger_entries_payment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_ledger_entries_instalment"
        `);
    await queryRunner.query(`
            DROP TABLE "deal_ledger_entries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."deal_ledger_entry_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_payments_idempotency_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_payments_instalment"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_payments_deal"
        `);
    await queryRunner.query(`
            DROP TABLE "deal_payments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_instalments_deal_sequence"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_deal_instalments_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_instalments_sales_report"
        `);
    await queryRunner.query(`
            DROP TABLE "deal_instalments"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."deal_instalment_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_deal_sales_reports_period"
        `);
    await queryRunner.query(`
            DROP TABLE "deal_sales_reports"
        `);
  }
}
