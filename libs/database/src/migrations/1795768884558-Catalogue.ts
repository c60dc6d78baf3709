import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalogue1795768884558 implements MigrationInterface {
  name = 'Catalogue1795768884558';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."field_scheme" AS ENUM('DISCIPLINE', 'HIGH_TECH')
        `);
    await queryRunner.query(`
            CREATE TABLE "fields" (
                "code" character varying(16) NOT NULL,
                "scheme" "public"."field_scheme" NOT NULL,
                "parent_code" character varying(16),
                "name_zh" character varying(100) NOT NULL,
                "name_en" character varying(200) NOT NULL,
                CONSTRAINT "PK_2439ea7c279fae477b26812e068" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_fields_parent_code" ON "fields" ("parent_code")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."division_kind" AS ENUM('DISTRICT', 'COUNTY')
        `);
    await queryRunner.query(`
            CREATE TABLE "divisions" (
                "code" character(6) NOT NULL,
                "kind" "public"."division_kind" NOT NULL,
                "name_zh" character varying(50) NOT NULL,
                "name_en" character varying(100) NOT NULL,
                CONSTRAINT "PK_b96faa3f412978357707758c83d" PRIMARY KEY ("code")
            )
        `);
    // The 14 divisions are inserted here, not only by the start-up sync, because the foreign
    // keys added below (institutions.division_code) need them in databases that already have rows.
    await queryRunner.query(`
            INSERT INTO "divisions" ("code", "kind", "name_zh", "name_en") VALUES
                ('410302', 'DISTRICT', '老城区', 'Laocheng District'),
                ('410303', 'DISTRICT', '西工区', 'Xigong District'),
                ('410304', 'DISTRICT', '瀍河回族区', 'Chanhe Hui District'),
                ('410305', 'DISTRICT', '涧西区', 'Jianxi District'),
                ('410307', 'DISTRICT', '偃师区', 'Yanshi District'),
                ('410308', 'DISTRICT', '孟津区', 'Mengjin District'),
                ('410311', 'DISTRICT', '洛龙区', 'Luolong District'),
                ('410323', 'COUNTY', '新安县', 'Xin''an County'),
                ('410324', 'COUNTY', '栾川县', 'Luanchuan County'),
                ('410325', 'COUNTY', '嵩县', 'Song County'),
                ('410326', 'COUNTY', '汝阳县', 'Ruyang County'),
                ('410327', 'COUNTY', '宜阳县', 'Yiyang County'),
                ('410328', 'COUNTY', '洛宁县', 'Luoning County'),
                ('410329', 'COUNTY', '伊川县', 'Yichuan County')
            ON CONFLICT ("code") DO NOTHING
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."industry_level" AS ENUM('SECTION', 'DIVISION')
        `);
    await queryRunner.query(`
            CREATE TABLE "industries" (
                "code" character varying(4) NOT NULL,
                "level" "public"."industry_level" NOT NULL,
                "parent_code" character varying(4),
                "name_zh" character varying(100) NOT NULL,
                "name_en" character varying(200) NOT NULL,
                CONSTRAINT "PK_afc1ff553ae4dfc3502ccb363d0" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."enterprise_qualification" AS ENUM('HIGH_TECH', 'TECH_SME', 'SPECIALISED')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."cultivation_tier" AS ENUM('SEED', 'SPROUT', 'GROWTH', 'LEADING')
        `);
    await queryRunner.query(`
            CREATE TABLE "enterprises" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(200) NOT NULL,
                "uscc" character(18) NOT NULL,
                "division_code" character(6) NOT NULL,
                "industry_code" character varying(4) NOT NULL,
                "qualifications" "public"."enterprise_qualification" array NOT NULL DEFAULT '{}',
                "cultivation_tier" "public"."cultivation_tier",
                "contact_name" character varying(100),
                "contact_phone" character varying(32),
                "version" integer NOT NULL,
                CONSTRAINT "PK_a019e9afe6517b4f2a4588f2cce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_enterprises_uscc" ON "enterprises" ("uscc")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."transfer_mode" AS ENUM(
                'TRANSFER',
                'LICENSE',
                'TRIAL_FIRST_LICENSE',
                'JOINT_DEVELOPMENT',
                'EQUITY',
                'SERVICE'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."need_status" AS ENUM('DRAFT', 'OPEN', 'MATCHING', 'IN_DEAL', 'CLOSED')
        `);
    await queryRunner.query(`
            CREATE TABLE "tech_needs" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "enterprise_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text NOT NULL,
                "problem" text NOT NULL,
                "field_codes" character varying(16) array NOT NULL DEFAULT '{}',
                "keywords" character varying(50) array NOT NULL DEFAULT '{}',
                "min_trl" smallint,
                "budget_min_yuan" bigint,
                "budget_max_yuan" bigint,
                "deadline" date,
                "modes" "public"."transfer_mode" array NOT NULL,
                "status" "public"."need_status" NOT NULL DEFAULT 'DRAFT',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "source_key" character varying(100),
                CONSTRAINT "ck_tech_needs_budget" CHECK (
                    budget_min_yuan IS NULL
                    OR budget_max_yuan IS NULL
                    OR budget_min_yuan <= budget_max_yuan
                ),
                CONSTRAINT "ck_tech_needs_min_trl" CHECK (
                    min_trl IS NULL
                    OR min_trl BETWEEN 1 AND 9
                ),
                CONSTRAINT "PK_afdede176e069ea31e14eac4158" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_tech_needs_enterprise" ON "tech_needs" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_tech_needs_source_key" ON "tech_needs" ("source_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_tech_needs_status_published" ON "tech_needs" ("status", "published_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "enterprise_members" (
                "user_id" uuid NOT NULL,
                "enterprise_id" uuid NOT NULL,
                CONSTRAINT "PK_045ab85f2e1e678d08ad910f025" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_enterprise_members_enterprise" ON "enterprise_members" ("enterprise_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "researchers" (
                "user_id" uuid NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "title" character varying(50),
                "institution_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2d01513d7cb42fb14dc3a58eea0" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_researchers_institution" ON "researchers" ("institution_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."result_stage" AS ENUM(
                'LAB',
                'PILOT',
                'INDUSTRIALISATION',
                'MASS_PRODUCTION'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."result_level" AS ENUM(
                'INTERNATIONAL_LEADING',
                'INTERNATIONAL_ADVANCED',
                'DOMESTIC_LEADING',
                'DOMESTIC_ADVANCED',
                'NOT_EVALUATED'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."result_status" AS ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED')
        `);
    await queryRunner.query(`
            CREATE TABLE "research_results" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "institution_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "summary" text NOT NULL,
                "confidential_detail" text,
                "field_codes" character varying(16) array NOT NULL DEFAULT '{}',
                "keywords" character varying(50) array NOT NULL DEFAULT '{}',
                "trl" smallint NOT NULL,
                "stage" "public"."result_stage" NOT NULL,
                "level" "public"."result_level" NOT NULL,
                "modes" "public"."transfer_mode" array NOT NULL,
                "price_min_yuan" bigint,
                "price_max_yuan" bigint,
                "service_invention" boolean NOT NULL DEFAULT true,
                "status" "public"."result_status" NOT NULL DEFAULT 'DRAFT',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "source_key" character varying(100),
                CONSTRAINT "ck_research_results_price" CHECK (
                    price_min_yuan IS NULL
                    OR price_max_yuan IS NULL
                    OR price_min_yuan <= price_max_yuan
                ),
                CONSTRAINT "ck_research_results_trl" CHECK (
                    trl BETWEEN 1 AND 9
                ),
                CONSTRAINT "PK_f46909497654cd4d57170af8c79" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_research_results_institution" ON "research_results" ("institution_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_research_results_source_key" ON "research_results" ("source_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_research_results_status_published" ON "research_results" ("status", "published_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."patent_kind" AS ENUM('INVENTION', 'UTILITY_MODEL', 'DESIGN')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."patent_legal_status" AS ENUM('PENDING', 'GRANTED', 'EXPIRED', 'INVALIDATED')
        `);
    await queryRunner.query(`
            CREATE TABLE "patents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "number" character varying(32) NOT NULL,
                "title" character varying(200) NOT NULL,
                "kind" "public"."patent_kind" NOT NULL,
                "legal_status" "public"."patent_legal_status" NOT NULL,
                "owners" character varying(200) array NOT NULL DEFAULT '{}',
                "filed_on" date,
                "granted_on" date,
                "expires_on" date,
                "open_licence" boolean NOT NULL DEFAULT false,
                "open_licence_fee_yuan" bigint,
                "result_id" uuid NOT NULL,
                CONSTRAINT "PK_dfe8b87e137b6c078c97483e5ee" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_patents_number" ON "patents" ("number")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_patents_result" ON "patents" ("result_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "research_result_researchers" (
                "result_id" uuid NOT NULL,
                "researcher_id" uuid NOT NULL,
                CONSTRAINT "PK_e7194c9b6a50caff6dbea8c20df" PRIMARY KEY ("result_id", "researcher_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_6835a087c772f7fe7b461e49e4" ON "research_result_researchers" ("result_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_3ea332462d9c6ee28535ed6f9d" ON "research_result_researchers" ("researcher_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprises"
            ADD CONSTRAINT "FK_8abe3796292393e38fa6a6f3511" FOREIGN KEY ("division_code") REFERENCES "divisions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprises"
            ADD CONSTRAINT "FK_aeebdb09c0a7530766ada733e51" FOREIGN KEY ("industry_code") REFERENCES "industries"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "institutions"
            ADD CONSTRAINT "FK_b6251355d6591976d721f098939" FOREIGN KEY ("division_code") REFERENCES "divisions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tech_needs"
            ADD CONSTRAINT "FK_c03fffde750ce0b0d2a9b1013b1" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprise_members"
            ADD CONSTRAINT "FK_045ab85f2e1e678d08ad910f025" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprise_members"
            ADD CONSTRAINT "FK_ee68528f06d5b4360bfcb32fd5b" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "researchers"
            ADD CONSTRAINT "FK_2d01513d7cb42fb14dc3a58eea0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "researchers"
            ADD CONSTRAINT "FK_27b596bc299a3ca29a26dedfed6" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "research_results"
            ADD CONSTRAINT "FK_6c233fa6026dfc4c1f8955434da" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "patents"
            ADD CONSTRAINT "FK_1b4e43c65d1953c5bc45b4230f4" FOREIGN KEY ("result_id") REFERENCES "research_results"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result_researchers"
            ADD CONSTRAINT "FK_6835a087c772f7fe7b461e49e45" FOREIGN KEY ("result_id") REFERENCES "research_results"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result_researchers"
            ADD CONSTRAINT "FK_3ea332462d9c6ee28535ed6f9d7" FOREIGN KEY ("researcher_id") REFERENCES "researchers"("user_id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    // GIN indexes for the field filters (`field_codes && ARRAY[...]`); declared with
    // synchronize: false on the entities, since TypeORM cannot describe their method.
    await queryRunner.query(
      `CREATE INDEX "ix_research_results_field_codes" ON "research_results" USING gin ("field_codes")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_tech_needs_field_codes" ON "tech_needs" USING gin ("field_codes")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_tech_needs_field_codes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_research_results_field_codes"`);
    await queryRunner.query(`
            ALTER TABLE "research_result_researchers" DROP CONSTRAINT "FK_3ea332462d9c6ee28535ed6f9d7"
        `);
    await queryRunner.query(`
            ALTER TABLE "research_result_researchers" DROP CONSTRAINT "FK_6835a087c772f7fe7b461e49e45"
        `);
    await queryRunner.query(`
            ALTER TABLE "patents" DROP CONSTRAINT "FK_1b4e43c65d1953c5bc45b4230f4"
        `);
    await queryRunner.query(`
            ALTER TABLE "research_results" DROP CONSTRAINT "FK_6c233fa6026dfc4c1f8955434da"
        `);
    await queryRunner.query(`
            ALTER TABLE "researchers" DROP CONSTRAINT "FK_27b596bc299a3ca29a26dedfed6"
        `);
    await queryRunner.query(`
            ALTER TABLE "researchers" DROP CONSTRAINT "FK_2d01513d7cb42fb14dc3a58eea0"
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprise_members" DROP CONSTRAINT "FK_ee68528f06d5b4360bfcb32fd5b"
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprise_members" DROP CONSTRAINT "FK_045ab85f2e1e678d08ad910f025"
        `);
    await queryRunner.query(`
            ALTER TABLE "tech_needs" DROP CONSTRAINT "FK_c03fffde750ce0b0d2a9b1013b1"
        `);
    await queryRunner.query(`
            ALTER TABLE "institutions" DROP CONSTRAINT "FK_b6251355d6591976d721f098939"
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprises" DROP CONSTRAINT "FK_aeebdb09c0a7530766ada733e51"
        `);
    await queryRunner.query(`
            ALTER TABLE "enterprises" DROP CONSTRAINT "FK_8abe3796292393e38fa6a6f3511"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_3ea332462d9c6ee28535ed6f9d"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_6835a087c772f7fe7b461e49e4"
        `);
    await queryRunner.query(`
            DROP TABLE "research_result_researchers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_patents_result"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_patents_number"
        `);
    await queryRunner.query(`
            DROP TABLE "patents"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."patent_legal_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."patent_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_research_results_status_published"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_research_results_source_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_research_results_institution"
        `);
    await queryRunner.query(`
            DROP TABLE "research_results"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."result_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."result_level"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."result_stage"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_researchers_institution"
        `);
    await queryRunner.query(`
            DROP TABLE "researchers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_enterprise_members_enterprise"
        `);
    await queryRunner.query(`
            DROP TABLE "enterprise_members"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_tech_needs_status_published"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_tech_needs_source_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_tech_needs_enterprise"
        `);
    await queryRunner.query(`
            DROP TABLE "tech_needs"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."need_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."transfer_mode"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_enterprises_uscc"
        `);
    await queryRunner.query(`
            DROP TABLE "enterprises"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."cultivation_tier"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."enterprise_qualification"
        `);
    await queryRunner.query(`
            DROP TABLE "industries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."industry_level"
        `);
    await queryRunner.query(`
            DROP TABLE "divisions"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."division_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_fields_parent_code"
        `);
    await queryRunner.query(`
            DROP TABLE "fields"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."field_scheme"
        `);
  }
}
