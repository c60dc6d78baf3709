import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { BadUserInputError, type RequestContext } from '@techmatch/common';
import { IMPORT_KINDS, isImportKind } from './import-kind.js';
import type { ImportReport } from './import-report.js';
import { ImportService } from './import.service.js';

/** Uploads larger than this are refused (a 10,000-row XLSX of results is about 5 MB). */
export const IMPORT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** A multipart file as multer stores it on disk. */
export interface UploadedSpreadsheet {
  path: string;
  originalname: string;
}

export interface UploadRequest extends Readable {
  headers: Record<string, string | string[] | undefined>;
}

const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** `?dryRun`, `?dryRun=true|1` and `=false|0`; anything else is refused. */
function flag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === '' || value === 'true' || value === '1') return true;
  const message = { zh: `${name} 应为 true 或 false`, en: `${name} must be true or false` };
  throw new BadUserInputError(message, [{ path: name, constraints: ['isBoolean'], message }]);
}

const tooLarge = (): BadUserInputError =>
  new BadUserInputError({
    zh: `文件超过 ${IMPORT_MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    en: `the file is larger than ${IMPORT_MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
  });

/**
 * The HTTP side of imports: an upload (multipart field `file`, or the file as the request body)
 * is spooled to a temporary file — streamed, so an upload's size does not become memory — and
 * imported from there like a file given to the CLI; then the file is removed.
 */
@Injectable()
export class ImportUploads {
  constructor(private readonly imports: ImportService) {}

  async receive(
    ctx: RequestContext,
    kind: string,
    request: UploadRequest,
    file: UploadedSpreadsheet | undefined,
    query: { dryRun?: string; partial?: string },
  ): Promise<ImportReport> {
    // Checked here, not by a pipe: multer has stored a multipart file by the time pipes run, and
    // only this method removes it.
    const folder = await mkdtemp(join(tmpdir(), 'techmatch-upload-'));
    try {
      if (!isImportKind(kind)) {
        throw new BadUserInputError({
          zh: `导入类型应为 ${IMPORT_KINDS.join('、')}`,
          en: `the import kind must be one of ${IMPORT_KINDS.join(', ')}`,
        });
      }
      const options = {
        dryRun: flag('dryRun', query.dryRun),
        partial: flag('partial', query.partial),
      };
      const path = file?.path ?? (await this.spool(request, join(folder, 'upload')));
      return await this.imports.importFile(ctx, kind, path, {
        ...options,
        fileName: file?.originalname ?? `upload.${kind}`,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
      if (file) await rm(file.path, { force: true });
    }
  }

  private async spool(request: UploadRequest, path: string): Promise<string> {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (!type || !RAW_TYPES.includes(type) || request.readableEnded) {
      throw new BadUserInputError({
        zh: '请上传 CSV 或 XLSX 文件：multipart/form-data 的 file 字段，或以 text/csv、XLSX 等类型作为请求体',
        en: 'upload a CSV or XLSX file: as the multipart/form-data field "file", or as the request body (text/csv, XLSX …)',
      });
    }
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > IMPORT_MAX_UPLOAD_BYTES ? tooLarge() : null, chunk);
      },
    });
    await pipeline(request, limit, createWriteStream(path));
    if (size === 0) {
      throw new BadUserInputError({ zh: '上传的文件为空', en: 'the uploaded file is empty' });
    }
    return path;
  }
}
