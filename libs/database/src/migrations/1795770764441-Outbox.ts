import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795770764441 implements MigrationInterface {
  name = 'Outbox1795770764441';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "topic" character varying(64) NOT NULL,
                "aggregate_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "attempts" integer NOT NULL DEFAULT '0',
                "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "processed_at" TIMESTAMP WITH TIME ZONE,
                "parked_at" TIMESTAMP WITH TIME ZONE,
                "last_error" text,
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
    // The relay's claim query scans only pending events; processed ones pile up beside them.
    await queryRunner.query(`
            CREATE INDEX "ix_outbox_events_pending" ON "outbox_events" ("available_at", "id")
            WHERE "processed_at" IS NULL AND "parked_at" IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_events_pending"`);
    await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
  }
}
