import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type RequestContext,
  SERVICE_ENDPOINTS,
  type ServiceEndpoints,
  UnauthenticatedError,
} from '@techmatch/common';
import { type ExportParams, ExportSources } from './export-sources.service.js';
import { EXPORT_FORMATS, type ExportFormat } from './export-table.js';

/** How long a download link works. Short: a link is a credential, and may end up in a history. */
export const EXPORT_LINK_TTL_MS = 15 * 60_000;

/** Where downloads are served; links are paths on the API's own origin. */
export const EXPORTS_PATH = '/exports';

export interface ExportLinkSet {
  csvUrl: string;
  xlsxUrl: string;
  expiresAt: Date;
}

/** What a verified link says: which export, in which format, for whom. */
export interface ExportGrant {
  source: string;
  params: ExportParams;
  format: ExportFormat;
  userId: string;
}

interface Claims {
  s: string;
  p: ExportParams;
  f: ExportFormat;
  u: string;
  e: number;
}

const invalidLink = (): UnauthenticatedError =>
  new UnauthenticatedError({
    zh: '下载链接无效，请重新生成',
    en: 'This download link is not valid; ask for a new one',
  });

/**
 * Signed, short-lived download links: no table, no state. A link names the export, its
 * parameters, the format and the user it was made for, with an expiry, under an HMAC-SHA256
 * signature keyed by a key derived from the JWT secret (derived, so that a link can never pass as
 * an access token nor the other way round). A browser can open the link without an Authorization
 * header; the download then acts as that user, whose account and role are read again.
 */
@Injectable()
export class ExportLinkSigner {
  private readonly key: Buffer;

  constructor(
    @Inject(SERVICE_ENDPOINTS) endpoints: ServiceEndpoints,
    private readonly sources: ExportSources,
  ) {
    this.key = createHmac('sha256', endpoints.jwtSecret)
      .update('techmatch export links v1')
      .digest();
  }

  /** Links to the export in both formats, after the source has checked that the caller may. */
  async create(ctx: RequestContext, source: string, params: ExportParams): Promise<ExportLinkSet> {
    const actor = ctx.requireActor();
    await this.sources.get(source).authorize(ctx, params);
    const expires = this.now() + EXPORT_LINK_TTL_MS;
    const link = (format: ExportFormat): string =>
      `${EXPORTS_PATH}/${this.sign({ s: source, p: params, f: format, u: actor.userId, e: expires })}`;
    return { csvUrl: link('csv'), xlsxUrl: link('xlsx'), expiresAt: new Date(expires) };
  }

  /** The grant a token carries; UNAUTHENTICATED when forged or malformed, TOKEN_EXPIRED when old. */
  verify(token: string): ExportGrant {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) throw invalidLink();
    const expected = this.mac(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidLink();
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    } catch {
      throw invalidLink();
    }
    if (
      typeof claims.s !== 'string' ||
      typeof claims.u !== 'string' ||
      typeof claims.e !== 'number' ||
      !EXPORT_FORMATS.includes(claims.f) ||
      typeof claims.p !== 'object' ||
      claims.p === null
    ) {
      throw invalidLink();
    }
    if (claims.e <= this.now()) {
      throw new UnauthenticatedError(
        {
          zh: '下载链接已过期，请重新生成',
          en: 'This download link has expired; ask for a new one',
        },
        ErrorCode.TOKEN_EXPIRED,
      );
    }
    return { source: claims.s, params: claims.p, format: claims.f, userId: claims.u };
  }

  /** Wall-clock time: link expiry is a security matter, not business time (no Clock). */
  protected now(): number {
    return Date.now();
  }

  private sign(claims: Claims): string {
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}
