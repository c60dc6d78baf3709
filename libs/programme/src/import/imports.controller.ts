import { tmpdir } from 'node:os';
import {
  Controller,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Ctx, HttpErrorFilter, RequestContext, Role, Roles } from '@techmatch/common';
import type { Response } from 'express';
import type { ImportReport } from './import-report.js';
import {
  IMPORT_MAX_UPLOAD_BYTES,
  ImportUploads,
  type UploadedSpreadsheet,
  type UploadRequest,
} from './import-uploads.service.js';

/**
 * `POST /imports/results|needs|enterprises[?dryRun=true][&partial=true]` for brokers and admins:
 * the CLI's `import` over HTTP. The file is the multipart field `file` or the request body. Answers
 * the report as JSON: 200, or 422 when bad rows kept an all-or-nothing import from writing.
 */
@Roles(Role.BROKER, Role.ADMIN)
@UseFilters(HttpErrorFilter)
@Controller('imports')
export class ImportsController {
  constructor(private readonly uploads: ImportUploads) {}

  @Post(':kind')
  @UseInterceptors(
    FileInterceptor('file', {
      dest: tmpdir(),
      limits: { fileSize: IMPORT_MAX_UPLOAD_BYTES, files: 1 },
    }),
  )
  async upload(
    @Ctx() ctx: RequestContext,
    @Param('kind') kind: string,
    @Query('dryRun') dryRun: string | undefined,
    @Query('partial') partial: string | undefined,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Req() request: UploadRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport> {
    const report = await this.uploads.receive(ctx, kind, request, file, { dryRun, partial });
    response.status(
      report.outcome === 'REJECTED' ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK,
    );
    return report;
  }
}
