import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795776693965 implements MigrationInterface {
  name = 'Notifications1795776693965';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."notification_kind" AS ENUM('MATCH_SUGGESTED')
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "recipient_id" uuid NOT NULL,
                "kind" "public"."notification_kind" NOT NULL,
                "title_zh" character varying(200) NOT NULL,
                "title_en" character varying(200) NOT NULL,
                "body_zh" text NOT NULL,
                "body_en" text NOT NULL,
                "data" jsonb NOT NULL,
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    // "How many are unread" counts this small partial index alone.
    await queryRunner.query(`
            CREATE INDEX "ix_notifications_recipient_unread" ON "notifications" ("recipient_id")
            WHERE "read_at" IS NULL
        `);
    // "My notifications, newest first" (scanned backwards); also serves the foreign key.
    await queryRunner.query(`
            CREATE INDEX "ix_notifications_recipient_created" ON "notifications" ("recipient_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_recipient_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_recipient_unread"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."notification_kind"
        `);
  }
}
