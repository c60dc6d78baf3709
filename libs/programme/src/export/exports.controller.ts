import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { type ApiRequest, HttpErrorFilter, Public } from '@techmatch/common';
import type { Response } from 'express';
import { ExportDownloads } from './export-downloads.service.js';

/** RFC 6266: an ASCII fallback and the real (Chinese) name, percent-encoded. */
const disposition = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/**
 * `GET /exports/:token`: the download behind a link that a GraphQL field returned. Public to the
 * auth guard because the signed token is the credential (a browser follows the link without an
 * Authorization header); ExportDownloads checks it and acts as the user it was made for.
 */
@Public()
@UseFilters(HttpErrorFilter)
@Controller('exports')
export class ExportsController {
  constructor(private readonly downloads: ExportDownloads) {}

  @Get(':token')
  async download(
    @Param('token') token: string,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ): Promise<void> {
    const opened = await this.downloads.open(
      token,
      typeof request.id === 'object' ? JSON.stringify(request.id) : String(request.id),
    );
    response.status(200);
    response.setHeader('content-type', opened.contentType);
    response.setHeader('content-disposition', disposition(opened.fileName));
    response.setHeader('cache-control', 'private, no-store');
    await this.downloads.write(opened, response);
    if (!response.writableEnded) response.end();
  }
}
