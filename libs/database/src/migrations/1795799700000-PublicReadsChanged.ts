import { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalogue tables anonymous reads depend on (PUBLIC_READ_TABLES when this was written). */
const TABLES = [
  'research_results',
  'research_result_researchers',
  'researchers',
  'institutions',
  'patents',
  'tech_needs',
  'enterprises',
  'enterprise_members',
  'divisions',
  'fields',
  'industries',
];

/**
 * Announces on `techmatch_public_reads` every committed write to what anonymous catalogue reads
 * depend on, so that every API replica empties its public-read cache. Triggers rather than code:
 * whatever writes (the API, the CLI's import, a job, psql) announces it. Per statement, so a bulk
 * import announces once per statement, not per row; NOTIFY folds repeats within a transaction, and
 * a rolled-back write announces nothing. In the outbox only `indexed:*` rows are announced: the
 * relay writes them once Meilisearch has the change, which is when a search can return it.
 */
export class PublicReadsChanged1795799700000 implements MigrationInterface {
  name = 'PublicReadsChanged1795799700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE FUNCTION "public_reads_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('techmatch_public_reads', TG_TABLE_NAME);
                RETURN NULL;
            END
            $$
        `);
    for (const table of TABLES) {
      await queryRunner.query(`
            CREATE TRIGGER "public_reads_announce" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
            ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "public_reads_announce"()
        `);
    }
    await queryRunner.query(`
            CREATE TRIGGER "public_reads_announce" AFTER INSERT ON "outbox_events"
            FOR EACH ROW WHEN (NEW.topic LIKE 'indexed:%') EXECUTE FUNCTION "public_reads_announce"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "public_reads_announce" ON "outbox_events"`);
    for (const table of TABLES) {
      await queryRunner.query(`DROP TRIGGER "public_reads_announce" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "public_reads_announce"()`);
  }
}
