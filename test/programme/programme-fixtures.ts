import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportReport } from '@techmatch/programme';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import type { TestApi } from '../utils/test-api.js';

export const SAMPLES = join(process.cwd(), 'docs/samples');

/** A copy of a sample in a fresh folder, so that the CLI's report CSV lands beside it, not in docs/. */
export async function sampleCopy(name: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'import-e2e-'));
  const path = join(folder, name);
  await copyFile(join(SAMPLES, name), path);
  return path;
}

export interface Counts {
  results: number;
  patents: number;
  needs: number;
  enterprises: number;
  outbox: number;
}

/** Rows in the catalogue tables and the outbox: what "wrote nothing" is checked against. */
export async function counts(api: TestApi): Promise<Counts> {
  const [row] = await api.app.get(DataSource).query<Array<Record<keyof Counts, string>>>(
    `SELECT (SELECT count(*) FROM research_results) AS results,
            (SELECT count(*) FROM patents) AS patents,
            (SELECT count(*) FROM tech_needs) AS needs,
            (SELECT count(*) FROM enterprises) AS enterprises,
            (SELECT count(*) FROM outbox_events) AS outbox`,
  );
  return {
    results: Number(row?.results),
    patents: Number(row?.patents),
    needs: Number(row?.needs),
    enterprises: Number(row?.enterprises),
    outbox: Number(row?.outbox),
  };
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
}

/** `POST /imports/:kind` with the file as multipart field `file`. */
export async function uploadMultipart<T = ImportReport>(
  api: TestApi,
  kind: string,
  path: string,
  token: string | undefined,
  query = '',
): Promise<HttpAnswer<T>> {
  const form = new FormData();
  form.append('file', new Blob([await readFile(path)]), basename(path));
  const response = await fetch(`${api.baseUrl}/imports/${kind}${query}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** `POST /imports/:kind` with the file as the request body. */
export async function uploadRaw<T = ImportReport>(
  api: TestApi,
  kind: string,
  path: string,
  token: string | undefined,
  contentType: string,
  query = '',
): Promise<HttpAnswer<T>> {
  const response = await fetch(`${api.baseUrl}/imports/${kind}${query}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: await readFile(path),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A report's problems as [row, column] pairs, in order. */
export const problemCells = (report: ImportReport): Array<[number, string]> =>
  report.problems.map((problem) => [problem.row, problem.column]);

/** A CSV file's rows, its BOM dropped. */
export function csvRows(bytes: Buffer): string[][] {
  const rows: string[][] = parse(bytes, { bom: true });
  return rows;
}
