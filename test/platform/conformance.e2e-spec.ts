import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AuditResult, serverAudits } from 'graphql-http';
import { startTestApi, type TestApi } from '../utils/test-api.js';

/**
 * The GraphQL-over-HTTP audits of `graphql-http` against the running service, in both profiles.
 * Every audit is a test of its own. An audit passes unless docs/conformance.md lists it as failing
 * in that profile (the JSON block after `conformance:expected-failures`); a listed one must still
 * fail, so the document cannot go stale in either direction. The only MUST audits allowed to fail
 * are production's introspection ones, and only for that reason.
 */

type ProfileName = 'development' | 'production';

const PROFILES: Array<{ name: ProfileName; settings: Record<string, string> }> = [
  // NODE_ENV=test configures GraphQL as development does (introspection and suggestions on).
  { name: 'development', settings: {} },
  { name: 'production', settings: { NODE_ENV: 'production' } },
];

const DOC_PATH = join(process.cwd(), 'docs/conformance.md');

function readDocumentedFailures(): { doc: string; failing: Record<ProfileName, string[]> } {
  const doc = readFileSync(DOC_PATH, 'utf8');
  const block = /<!-- conformance:expected-failures -->\s*```json\n([\s\S]*?)\n```/.exec(doc);
  if (!block?.[1]) throw new Error(`${DOC_PATH} lacks its conformance:expected-failures block`);
  return { doc, failing: JSON.parse(block[1]) as Record<ProfileName, string[]> };
}

/** The MAY audits that send GETs without a content-type: Apollo's CSRF prevention refuses them. */
const CSRF_REFUSED_GETS = ['5A70', 'D6D5', '6A70'];

const INTROSPECTION_REFUSED = /introspection is not allowed/;

/** The reason and the response, for a failure message a reader can act on. */
async function explain(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return 'ok';
  const body = await result.response
    .clone()
    .text()
    .catch(() => '(body already read by the audit)');
  return `${result.status}: ${result.reason}; HTTP ${result.response.status} ${body.slice(0, 400)}`;
}

const documented = readDocumentedFailures();
// The audits are listed before any server exists; each resolves the URL when it runs.
let currentUrl = '';
const audits = serverAudits({ url: () => currentUrl });

describe('GraphQL over HTTP conformance (graphql-http server audits)', () => {
  it('the documented failures name existing audits, each with a row in docs/conformance.md', () => {
    const ids = new Set(audits.map((audit) => audit.id));
    for (const profile of PROFILES) {
      for (const id of documented.failing[profile.name]) {
        const row = new RegExp(`^\\| \`${id}\` \\|`, 'm');
        expect({
          profile: profile.name,
          id,
          exists: ids.has(id),
          hasRow: row.test(documented.doc),
        }).toEqual({ profile: profile.name, id, exists: true, hasRow: true });
      }
    }
    // A MUST may be documented as failing only in production, and only for introspection.
    const developmentMusts = audits.filter(
      (audit) => audit.name.startsWith('MUST') && documented.failing.development.includes(audit.id),
    );
    expect(developmentMusts).toEqual([]);
  });

  describe.each(PROFILES)('$name profile', ({ name, settings }) => {
    let api: TestApi;
    const expectedFailures = new Set(documented.failing[name]);

    beforeAll(async () => {
      api = await startTestApi(settings);
      currentUrl = `${api.baseUrl}/graphql`;
    });

    afterAll(async () => {
      await api.close();
    });

    it.each(
      audits.map(
        (audit) =>
          [
            `${audit.id} ${audit.name}${expectedFailures.has(audit.id) ? ' (documented as failing)' : ''}`,
            audit,
          ] as const,
      ),
    )('%s', async (_title, audit) => {
      const result = await audit.fn();
      if (!expectedFailures.has(audit.id)) {
        expect(await explain(result)).toBe('ok');
        return;
      }
      // Documented as failing: it must still fail (else the document is stale), …
      expect(result.status).not.toBe('ok');
      // … and a MUST only because production refuses introspection.
      if (audit.name.startsWith('MUST'))
        expect(await explain(result)).toMatch(INTROSPECTION_REFUSED);
    });

    if (name === 'development') {
      it('successful-preflight-header: with apollo-require-preflight, GETs pass and only the status-code SHOULDs still fail', async () => {
        // Apollo's CSRF prevention refuses a GET that a browser could send cross-site without a
        // preflight. A client that sends this header (or a non-simple content-type) is served.
        const withPreflight = (input: string | URL, init: RequestInit = {}) =>
          fetch(input, {
            ...init,
            headers: {
              ...(init.headers as Record<string, string>),
              'apollo-require-preflight': '1',
            },
          });
        const results = await Promise.all(
          serverAudits({ url: currentUrl, fetchFn: withPreflight }).map((audit) => audit.fn()),
        );
        expect(
          results
            .filter((r) => r.status !== 'ok')
            .map((r) => r.id)
            .sort(),
        ).toEqual(
          documented.failing.development.filter((id) => !CSRF_REFUSED_GETS.includes(id)).sort(),
        );

        // The mutation-over-GET audit passes either way; with the header it is Apollo's own 405.
        const url = new URL(currentUrl);
        url.searchParams.set('query', 'mutation { __typename }');
        expect((await withPreflight(url)).status).toBe(405);
        expect((await fetch(url)).status).toBe(400);
      });
    }
  });
});
