import { AppError, RequestContext, Role } from '@techmatch/common';
import { EXPORT_LINK_TTL_MS, ExportLinkSigner } from './export-links.service.js';
import { ExportSources } from './export-sources.service.js';

/** The code of the AppError `run` throws. */
function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

class FrozenSigner extends ExportLinkSigner {
  at = Date.parse('2026-06-01T00:00:00Z');
  protected override now(): number {
    return this.at;
  }
}

describe('export links', () => {
  const sources = new ExportSources();
  sources.register({
    name: 'things',
    authorize: () => Promise.resolve(),
    open: () => Promise.resolve({ name: 't', columns: [], rows: [] }),
  });
  const endpoints = {
    databaseUrl: '',
    meiliUrl: '',
    meiliApiKey: '',
    jwtSecret: 'secret-for-tests',
    embedded: false,
  };
  const ctx = new RequestContext('r1', { userId: 'u1', role: Role.BROKER });

  it('successful-round-trip: both formats, the user, the parameters, the expiry', async () => {
    const signer = new FrozenSigner(endpoints, sources);
    const links = await signer.create(ctx, 'things', { filter: { trlMin: 3 } });
    expect(links.csvUrl).toMatch(/^\/exports\/[\w-]+\.[\w-]+$/);
    expect(links.expiresAt.getTime()).toBe(signer.at + EXPORT_LINK_TTL_MS);
    const token = links.xlsxUrl.slice('/exports/'.length);
    expect(signer.verify(token)).toEqual({
      source: 'things',
      params: { filter: { trlMin: 3 } },
      format: 'xlsx',
      userId: 'u1',
    });
  });

  it('failing-tampered-or-foreign: a changed payload, another secret, a JWT are refused', async () => {
    const signer = new FrozenSigner(endpoints, sources);
    const token = (await signer.create(ctx, 'things', {})).csvUrl.slice('/exports/'.length);
    const [body, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as { u: string };
    claims.u = 'someone-else';
    const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(codeOf(() => signer.verify(forged))).toBe('UNAUTHENTICATED');
    const other = new FrozenSigner({ ...endpoints, jwtSecret: 'another' }, sources);
    expect(codeOf(() => other.verify(token))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => signer.verify('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('failing-expired: after 15 minutes the link says TOKEN_EXPIRED', async () => {
    const signer = new FrozenSigner(endpoints, sources);
    const token = (await signer.create(ctx, 'things', {})).csvUrl.slice('/exports/'.length);
    signer.at += EXPORT_LINK_TTL_MS;
    expect(codeOf(() => signer.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('failing-anonymous-or-unknown: links are for signed-in callers and known exports', async () => {
    const signer = new FrozenSigner(endpoints, sources);
    await expect(signer.create(RequestContext.system(), 'things', {})).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(signer.create(ctx, 'nothing', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
