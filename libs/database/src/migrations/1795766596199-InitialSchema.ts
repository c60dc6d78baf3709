import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795766596199 implements MigrationInterface {
  name = 'InitialSchema1795766596199';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."user_role" AS ENUM('ENTERPRISE', 'RESEARCHER', 'BROKER', 'ADMIN')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."user_status" AS ENUM('ACTIVE', 'DISABLED')
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "email" character varying(254) NOT NULL,
                "password_hash" text NOT NULL,
                "role" "public"."user_role" NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "phone" character varying(32),
                "status" "public"."user_status" NOT NULL DEFAULT 'ACTIVE',
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."institution_kind" AS ENUM(
                'UNIVERSITY',
                'PROVINCIAL_LAB',
                'RESEARCH_INSTITUTE',
                'PILOT_BASE',
                'ENTERPRISE_LAB',
                'OTHER'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "institutions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name_zh" character varying(200) NOT NULL,
                "name_en" character varying(300),
                "kind" "public"."institution_kind" NOT NULL,
                "division_code" character(6) NOT NULL,
                "contact_name" character varying(100),
                "contact_phone" character varying(32),
                "contact_email" character varying(254),
                CONSTRAINT "PK_0be7539dcdba335470dc05e9690" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_institutions_name_zh" ON "institutions" ("name_zh")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_institutions_name_zh"
        `);
    await queryRunner.query(`
            DROP TABLE "institutions"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."institution_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_email"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."user_role"
        `);
  }
}
