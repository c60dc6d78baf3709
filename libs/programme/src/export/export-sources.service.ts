import { Injectable } from '@nestjs/common';
import { NotFoundError, type RequestContext } from '@techmatch/common';
import type { ExportTable } from './export-table.js';

/** Parameters of an export, carried inside its signed link: keep them small (filters, ids). */
export type ExportParams = Record<string, unknown>;

/**
 * Something that can be exported: the results list, a deal's ledger, later each programme report.
 * `open` runs when the file is downloaded, with the context of the user the link was made for, so
 * it applies that user's access rules again; it should throw (NOT_FOUND, FORBIDDEN) before it
 * yields rows, while the response can still be a JSON error.
 */
export interface ExportSource<Row = unknown> {
  readonly name: string;
  /** Checks, when the link is requested, that the caller may have this export; throws if not. */
  authorize(ctx: RequestContext, params: ExportParams): Promise<void>;
  open(ctx: RequestContext, params: ExportParams): Promise<ExportTable<Row>>;
}

/** The registry of export sources; each source registers itself when it is constructed. */
@Injectable()
export class ExportSources {
  private readonly sources = new Map<string, ExportSource>();

  register<Row>(source: ExportSource<Row>): void {
    if (this.sources.has(source.name)) throw new Error(`export source ${source.name} twice`);
    this.sources.set(source.name, source as ExportSource);
  }

  get(name: string): ExportSource {
    const source = this.sources.get(name);
    if (!source) throw new NotFoundError({ zh: '导出类型', en: 'export' }, name);
    return source;
  }
}
