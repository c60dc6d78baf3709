import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions with rotating refresh tokens (libs/identity/src/sessions), and the failed-login counters
 * of the login lockout (libs/identity/src/throttle). A trigger ends an account's sessions when it
 * stops being ACTIVE, however that happens (an operator's UPDATE included).
 */
export class Sessions1795799580467 implements MigrationInterface {
  name = 'Sessions1795799580467';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "login_throttles" (
                "key" character varying(80) NOT NULL,
                "failures" integer NOT NULL,
                "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "locked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_login_throttles" PRIMARY KEY ("key")
            )
        `);
    // Pruning finds the counters nobody has failed on for a while.
    await queryRunner.query(`
            CREATE INDEX "ix_login_throttles_last_failure" ON "login_throttles" ("last_failure_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."session_end_reason" AS ENUM(
                'LOGOUT',
                'LOGOUT_EVERYWHERE',
                'REFRESH_TOKEN_REUSED',
                'ACCOUNT_DISABLED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "refreshed_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_reason" "public"."session_end_reason",
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    // logoutEverywhere and the trigger below end a user's sessions by user_id.
    await queryRunner.query(`
            CREATE INDEX "ix_sessions_user" ON "sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "session_refresh_tokens" (
                "token_hash" bytea NOT NULL,
                "session_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "spent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "pk_session_refresh_tokens" PRIMARY KEY ("token_hash")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_session_refresh_tokens_session" ON "session_refresh_tokens" ("session_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "session_refresh_tokens"
            ADD CONSTRAINT "FK_9a98944e93ad3ef6f091a2d2584" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // A trigger rather than code: an account disabled by any means loses its sessions, and
    // enabling it again does not bring them back.
    await queryRunner.query(`
            CREATE FUNCTION "users_end_sessions_when_disabled"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "sessions"
                   SET "revoked_at" = now(), "revoked_reason" = 'ACCOUNT_DISABLED', "updated_at" = now()
                 WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "users_end_sessions_when_disabled" AFTER UPDATE OF "status" ON "users"
            FOR EACH ROW WHEN (NEW."status" <> 'ACTIVE' AND OLD."status" = 'ACTIVE')
            EXECUTE FUNCTION "users_end_sessions_when_disabled"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "users_end_sessions_when_disabled" ON "users"`);
    await queryRunner.query(`DROP FUNCTION "users_end_sessions_when_disabled"()`);
    await queryRunner.query(`
            ALTER TABLE "session_refresh_tokens" DROP CONSTRAINT "FK_9a98944e93ad3ef6f091a2d2584"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_session_refresh_tokens_session"
        `);
    await queryRunner.query(`
            DROP TABLE "session_refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sessions_user"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."session_end_reason"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_login_throttles_last_failure"
        `);
    await queryRunner.query(`
            DROP TABLE "login_throttles"
        `);
  }
}
