import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { RequestContext, UnauthenticatedError } from '@techmatch/common';
import { UsersService } from '@techmatch/identity';
import { writeCsv } from './csv-export.js';
import { ExportLinkSigner } from './export-links.service.js';
import { ExportSources } from './export-sources.service.js';
import { CONTENT_TYPES, type ExportFormat, type ExportTable } from './export-table.js';
import { writeXlsx } from './xlsx-export.js';

/** An export ready to be sent: everything that can fail before the first byte has been checked. */
export interface OpenedExport {
  format: ExportFormat;
  contentType: string;
  fileName: string;
  table: ExportTable;
}

/**
 * Serves download links: checks the signature and expiry, reads the user the link was made for
 * (still active, current role), and opens the export as that user, so access rules are applied at
 * download time as well as when the link was made.
 */
@Injectable()
export class ExportDownloads {
  constructor(
    private readonly links: ExportLinkSigner,
    private readonly sources: ExportSources,
    private readonly users: UsersService,
  ) {}

  async open(token: string, requestId: string): Promise<OpenedExport> {
    const grant = this.links.verify(token);
    const user = await this.users.findActive(grant.userId);
    if (!user) {
      throw new UnauthenticatedError({
        zh: '账户不存在或已停用',
        en: 'This account no longer exists or is disabled',
      });
    }
    const ctx = new RequestContext(requestId, { userId: user.id, role: user.role });
    const table = await this.sources.get(grant.source).open(ctx, grant.params);
    return {
      format: grant.format,
      contentType: CONTENT_TYPES[grant.format],
      fileName: `${table.name}.${grant.format}`,
      table,
    };
  }

  /** Streams the rows in the export's format; CSV does not end `out`, XLSX does. */
  async write(opened: OpenedExport, out: Writable): Promise<number> {
    return opened.format === 'csv' ? writeCsv(opened.table, out) : writeXlsx(opened.table, out);
  }
}
