import type { Cast, Role } from './cast.js';
import { NEED_A } from './inputs.js';
import {
  expectConfidentialRule,
  expectContactRule,
  expectSeenBy,
  FB,
  isStaff,
  NEED_FIELDS,
  type NeedView,
  NF,
  nodes,
  OK,
  type Outcomes,
  ownEnterprise,
  ownInstitution,
  PARTIES,
  RESULT_FIELDS,
  type ResultView,
  type Row,
  row,
  STAFF,
  UN,
} from './rows.js';

/**
 * The Query rows of the authorisation matrix: every Query of apps/api/schema.gql needs one.
 */

// outcomes: [anonymous, enterpriseA, enterpriseB, researcher (of Y), otherResearcher (of Z),
//            broker, admin]; OK, UN(AUTHENTICATED), FB (FORBIDDEN), NF (NOT_FOUND).

const identityQueries: Row[] = [
  row<{ id: string }>({
    operation: 'me',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ me { id email role } }' }),
    probe: (me, role, cast) =>
      expect({ role, id: me.id }).toEqual({ role, id: cast.userIds[role] }),
  }),
];

const catalogueQueries: Row[] = [
  row({
    operation: 'divisions',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ divisions { code nameZh } }' }),
  }),
  row({
    operation: 'fields',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ fields { code nameZh } }' }),
  }),
  row({
    operation: 'industries',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ industries { code nameZh } }' }),
  }),
  row({
    operation: 'institutions',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ institutions { id nameZh } }' }),
  }),
  row({
    operation: 'institution',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query: 'query ($id: ID!) { institution(id: $id) { id nameZh } }',
      variables: { id: cast.institutions.Y },
    }),
  }),
  row<NeedView['enterprise'] & { id: string }>({
    operation: 'enterprise',
    note: "enterprise A's contact details",
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query: 'query ($id: ID!) { enterprise(id: $id) { id contactName contactPhone } }',
      variables: { id: cast.enterprises.A },
    }),
    probe: (enterprise, role, cast) => {
      expectContactRule(role, cast, [
        { id: enterprise.id, enterpriseId: enterprise.id, enterprise },
      ]);
      if (role === 'enterpriseA' || isStaff(role))
        expect(enterprise.contactPhone).toBe('13800138000');
    },
  }),
  row({
    operation: 'enterprises',
    outcomes: [UN, FB, FB, FB, FB, OK, OK],
    call: () => ({ query: '{ enterprises(first: 5) { totalCount } }' }),
  }),
  row<{ id: string }>({
    operation: 'myEnterprise',
    outcomes: [UN, OK, OK, FB, FB, FB, FB],
    call: () => ({ query: '{ myEnterprise { id } }' }),
    probe: (mine, role, cast) =>
      expect({ role, id: mine.id }).toEqual({ role, id: ownEnterprise(role, cast) }),
  }),
  row({
    operation: 'techNeed',
    note: "A's draft",
    outcomes: [NF, OK, NF, NF, NF, OK, OK],
    call: (_role, cast) => ({
      query: `query ($id: ID!) { techNeed(id: $id) { ${NEED_FIELDS} } }`,
      variables: { id: cast.draftNeedA },
    }),
  }),
  row<NeedView>({
    operation: 'techNeed',
    note: "A's open need: contact details",
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query: `query ($id: ID!) { techNeed(id: $id) { ${NEED_FIELDS} } }`,
      variables: { id: cast.needA },
    }),
    probe: (need, role, cast) => expectContactRule(role, cast, [need]),
  }),
  row<{ edges: Array<{ node: NeedView }> }>({
    operation: 'techNeeds',
    note: 'drafts and contact details',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: `{ techNeeds(first: 100) { edges { node { ${NEED_FIELDS} } } } }` }),
    probe: (list, role, cast) => {
      const needs = nodes(list);
      expectContactRule(role, cast, needs);
      expectSeenBy(
        role,
        STAFF,
        needs.map((n) => n.id),
        [cast.draftNeedA],
        'drafts',
      );
      expect(needs.map((n) => n.id)).toContain(cast.needA);
    },
  }),
  row<{ edges: Array<{ node: NeedView }> }>({
    operation: 'myNeeds',
    outcomes: [UN, OK, OK, FB, FB, OK, OK],
    call: () => ({ query: `{ myNeeds(first: 100) { edges { node { ${NEED_FIELDS} } } } }` }),
    probe: (list, role, cast) => {
      const needs = nodes(list);
      expectSeenBy(
        role,
        ['enterpriseA', ...STAFF],
        needs.map((n) => n.id),
        [cast.needA, cast.draftNeedA],
        "A's needs",
      );
      if (!isStaff(role)) {
        const others = needs.filter((n) => n.enterpriseId !== ownEnterprise(role, cast));
        expect({ role, othersNeeds: others }).toEqual({ role, othersNeeds: [] });
      }
    },
  }),
  row<ResultView>({
    operation: 'researchResult',
    note: "Y's draft",
    outcomes: [NF, NF, NF, OK, NF, OK, OK],
    call: (_role, cast) => ({
      query: `query ($id: ID!) { researchResult(id: $id) { ${RESULT_FIELDS} } }`,
      variables: { id: cast.draftResultY.id },
    }),
  }),
  row<ResultView>({
    operation: 'researchResult',
    note: "Y's published result: confidential detail",
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query: `query ($id: ID!) { researchResult(id: $id) { ${RESULT_FIELDS} } }`,
      variables: { id: cast.resultY },
    }),
    probe: (result, role, cast) => {
      expectConfidentialRule(role, cast, [result]);
      if (role === 'researcher' || isStaff(role)) expect(result.confidentialDetail).not.toBeNull();
    },
  }),
  row<{ edges: Array<{ node: ResultView }> }>({
    operation: 'researchResults',
    note: "Y's results: drafts and confidential details",
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: (_role, cast) => ({
      query: `query ($filter: ResultFilter) {
        researchResults(first: 100, filter: $filter) { edges { node { ${RESULT_FIELDS} } } } }`,
      variables: { filter: { institutionId: cast.institutions.Y } },
    }),
    probe: (list, role, cast) => {
      const results = nodes(list);
      expectConfidentialRule(role, cast, results);
      // The list is the public catalogue: researchers see their drafts in myResults.
      expectSeenBy(
        role,
        STAFF,
        results.map((r) => r.id),
        [cast.draftResultY.id],
        'drafts',
      );
      expect(results.map((r) => r.id)).toContain(cast.resultY);
    },
  }),
  row<{ edges: Array<{ node: ResultView }> }>({
    operation: 'myResults',
    outcomes: [UN, FB, FB, OK, OK, OK, OK],
    call: () => ({
      query: `{ myResults(first: 100, filter: { statuses: [DRAFT] }) {
        edges { node { ${RESULT_FIELDS} } } } }`,
    }),
    probe: (list, role, cast) => {
      const results = nodes(list);
      expectSeenBy(
        role,
        ['researcher', ...STAFF],
        results.map((r) => r.id),
        [cast.draftResultY.id],
        "Y's drafts",
      );
      expectConfidentialRule(role, cast, results);
      if (!isStaff(role)) {
        const others = results.filter((r) => r.institutionId !== ownInstitution(role, cast));
        expect({ role, othersResults: others }).toEqual({ role, othersResults: [] });
      }
    },
  }),
  row({
    operation: 'patent',
    note: "of Y's draft",
    outcomes: [NF, NF, NF, OK, NF, OK, OK],
    call: (_role, cast) => ({
      query: 'query ($id: ID!) { patent(id: $id) { id number } }',
      variables: { id: cast.draftResultY.patentId },
    }),
  }),
  row({
    operation: 'patentByNumber',
    note: "of Y's draft",
    outcomes: [NF, NF, NF, OK, NF, OK, OK],
    call: (_role, cast) => ({
      query: 'query ($number: String!) { patentByNumber(number: $number) { id number } }',
      variables: { number: cast.draftResultY.patentNumber },
    }),
  }),
];

const searchQueries: Row[] = [
  row<{ hits: Array<{ need: NeedView }> }>({
    operation: 'searchNeeds',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({
      query: `query ($q: String!) { searchNeeds(query: $q, first: 50) {
        hits { need { ${NEED_FIELDS} } } } }`,
      variables: { q: NEED_A.title },
    }),
    probe: (page, role, cast) => {
      const needs = page.hits.map((hit) => hit.need);
      expect(needs.map((n) => n.id)).toContain(cast.needA);
      expect(needs.map((n) => n.id)).not.toContain(cast.draftNeedA);
      expectContactRule(role, cast, needs);
    },
  }),
  row<{ hits: Array<{ result: ResultView }> }>({
    operation: 'searchResults',
    outcomes: [OK, OK, OK, OK, OK, OK, OK],
    call: () => ({
      query: `query ($q: String!) { searchResults(query: $q, first: 50) {
        hits { result { ${RESULT_FIELDS} } } } }`,
      variables: { q: NEED_A.title },
    }),
    probe: (page, role, cast) => {
      const results = page.hits.map((hit) => hit.result);
      expect(results.map((r) => r.id)).toContain(cast.resultY);
      expect(results.map((r) => r.id)).not.toContain(cast.draftResultY.id);
      expectConfidentialRule(role, cast, results);
    },
  }),
  row({
    operation: 'searchStatus',
    outcomes: [UN, FB, FB, FB, FB, OK, OK],
    call: () => ({ query: '{ searchStatus { __typename } }' }),
  }),
];

interface MatchView {
  id: string;
  need: NeedView;
  result: ResultView;
}
const MATCH_FIELDS = `id need { ${NEED_FIELDS} } result { ${RESULT_FIELDS} }`;
const expectMatchLeaks = (matches: MatchView[], role: Role, cast: Cast) => {
  expect(matches.map((m) => m.id)).toContain(cast.matchId);
  expectContactRule(
    role,
    cast,
    matches.map((m) => m.need),
  );
  expectConfidentialRule(
    role,
    cast,
    matches.map((m) => m.result),
  );
};

const matchingQueries: Row[] = [
  row<{ edges: Array<{ node: MatchView }> }>({
    operation: 'matchesForNeed',
    outcomes: [UN, OK, FB, FB, FB, OK, OK],
    call: (_role, cast) => ({
      query: `query ($id: ID!) { matchesForNeed(needId: $id, first: 50) {
        edges { node { ${MATCH_FIELDS} } } } }`,
      variables: { id: cast.needA },
    }),
    probe: (list, role, cast) => expectMatchLeaks(nodes(list), role, cast),
  }),
  row<{ edges: Array<{ node: MatchView }> }>({
    operation: 'matchesForResult',
    outcomes: [UN, FB, FB, OK, FB, OK, OK],
    call: (_role, cast) => ({
      query: `query ($id: ID!) { matchesForResult(resultId: $id, first: 50) {
        edges { node { ${MATCH_FIELDS} } } } }`,
      variables: { id: cast.resultY },
    }),
    probe: (list, role, cast) => expectMatchLeaks(nodes(list), role, cast),
  }),
];

const dealRead = (operation: string, argument: string, selection: string): Row =>
  row({
    operation,
    note: "A and Y's deal",
    outcomes: PARTIES,
    call: (_role, cast) => ({
      query: `query ($id: ID!) { ${operation}(${argument}: $id) { ${selection} } }`,
      variables: { id: cast.deal.id },
    }),
  });

interface DealView {
  id: string;
  enterpriseId: string;
  institutionId: string;
}

const dealQueries: Row[] = [
  dealRead('deal', 'id', 'id state'),
  dealRead('dealTimeline', 'dealId', 'sequence type'),
  dealRead('dealLedger', 'dealId', 'sequence kind amountFen'),
  dealRead('dealLedgerExport', 'dealId', 'csvUrl'),
  row<{ edges: Array<{ node: DealView }> }>({
    operation: 'deals',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: () => ({
      query: '{ deals(first: 100) { edges { node { id enterpriseId institutionId } } } }',
    }),
    probe: (list, role, cast) => {
      const deals = nodes(list);
      expectSeenBy(
        role,
        ['enterpriseA', 'researcher', ...STAFF],
        deals.map((d) => d.id),
        [cast.deal.id],
        "A and Y's deal",
      );
      // Enterprise users see their enterprise's deals, researchers their institution's.
      const enterprise = ownEnterprise(role, cast);
      const institution = ownInstitution(role, cast);
      const notTheirs = deals.filter((deal) =>
        enterprise
          ? deal.enterpriseId !== enterprise
          : institution !== null && deal.institutionId !== institution,
      );
      expect({ role, notTheirs }).toEqual({ role, notTheirs: [] });
    },
  }),
  row({
    operation: 'researchResultsExport',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ researchResultsExport { csvUrl } }' }),
  }),
];

const notificationQueries: Row[] = [
  row<{ edges: Array<{ node: { id: string } }> }>({
    operation: 'notifications',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ notifications(first: 100) { edges { node { id } } } }' }),
    probe: (list, role, cast) =>
      expectSeenBy(
        role,
        ['enterpriseA'],
        nodes(list).map((n) => n.id),
        cast.notificationsOfA,
        "A's notifications",
      ),
  }),
  row({
    operation: 'unreadNotificationCount',
    outcomes: [UN, OK, OK, OK, OK, OK, OK],
    call: () => ({ query: '{ unreadNotificationCount }' }),
  }),
];

const REPORT_READERS: Outcomes = [UN, FB, FB, FB, FB, OK, OK];
const reportQueries: Row[] = [
  'reportByCounty',
  'reportByInstitution',
  'reportDefinitions',
  'reportFlowMatrix',
  'reportFunnel',
  'reportTimeSeries',
].map((operation) =>
  row({
    operation,
    outcomes: REPORT_READERS,
    call: () => ({ query: `{ ${operation} { __typename } }` }),
  }),
);

export const QUERY_ROWS: Row[] = [
  ...identityQueries,
  ...catalogueQueries,
  ...searchQueries,
  ...matchingQueries,
  ...dealQueries,
  ...notificationQueries,
  ...reportQueries,
];
