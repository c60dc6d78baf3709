import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { IMPORT_KINDS, type ImportKind } from '@techmatch/programme';
import { CliError, withCliContext } from './cli-context.js';
import { importFile } from './commands/import.command.js';
import { REINDEX_TARGETS, type ReindexTarget, reindex } from './commands/reindex.command.js';
import { searchVerify } from './commands/search-verify.command.js';

/**
 * TechMatch's command-line tools: `npm run cli -- <command>`. Each command works on the services the
 * API would use (DATABASE_URL / MEILI_URL, else the embedded ones of DATA_DIR).
 */
const program = new Command('techmatch')
  .description('TechMatch operator tools')
  .showHelpAfterError()
  .exitOverride();

program
  .command('reindex')
  .description('Rebuild search indexes from PostgreSQL into fresh ones and swap them in (no gap)')
  .addArgument(
    program
      .createArgument('[target]', 'which index')
      .choices(REINDEX_TARGETS)
      .default('all' satisfies ReindexTarget),
  )
  .action(async (target: ReindexTarget) => {
    await withCliContext((app) => reindex(app, target));
  });

const positiveInt = (value: string): number => {
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('a positive integer');
  return parsed;
};

program
  .command('search:verify')
  .description('Compare PostgreSQL with Meilisearch; print missing, stale and extra ids')
  .addOption(new Option('--no-drain', 'do not let pending changes reach the index first'))
  .addOption(
    new Option('--limit <n>', 'ids printed per difference').argParser(positiveInt).default(50),
  )
  .action(async (options: { drain: boolean; limit: number }) => {
    const clean = await withCliContext((app) => searchVerify(app, options));
    process.exitCode = clean ? 0 : 1;
  });

program
  .command('import')
  .description(
    'Import results, needs or enterprises from a CSV or XLSX file (provincial form headings); ' +
      'all or nothing unless --partial; writes <file>.report.csv',
  )
  .addArgument(program.createArgument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
  .argument('<file>', 'a .csv (UTF-8 or GB18030) or .xlsx file')
  .option('--dry-run', 'validate every row and write nothing', false)
  .option('--partial', 'import the valid rows even if some rows are invalid', false)
  .option('--json', 'print the report as one JSON line', false)
  .action(
    async (
      kind: ImportKind,
      file: string,
      options: { dryRun: boolean; partial: boolean; json: boolean },
    ) => {
      const report = await withCliContext((app) => importFile(app, kind, file, options));
      process.exitCode = report.rejectedRows > 0 ? 1 : 0;
    },
  );

async function main(): Promise<void> {
  try {
    await program.parseAsync();
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`techmatch: ${error.message}\n`);
      process.exitCode = 2;
    } else if ((error as { code?: string }).code?.startsWith('commander.')) {
      // commander has printed the problem (or the help) already.
      process.exitCode = (error as { exitCode?: number }).exitCode ?? 2;
    } else {
      process.stderr.write(`techmatch: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

void main();
