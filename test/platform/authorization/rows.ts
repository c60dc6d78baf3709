import { type Cast, ROLES, type Role } from './cast.js';

/**
 * The rows of the authorisation matrix (query-rows.ts, mutation-rows.ts) and what they share: a
 * row is one operation called by each role of `ROLES`, with what each must get. An operation may
 * have several rows (`note` tells them apart) when one object cannot show every rule, e.g. a draft
 * for visibility and a published one for confidential fields.
 */

export type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
export const OK: Outcome = 'OK';
export const UN: Outcome = 'UNAUTHENTICATED';
export const FB: Outcome = 'FORBIDDEN';
export const NF: Outcome = 'NOT_FOUND';

/** One outcome per role, in the order of ROLES. */
export type Outcomes = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

export interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** Another bearer token of the caller's (a session of its own); by default the cast's. */
  token?: string;
  /** Checks the object afterwards: changed when the call was allowed, untouched when refused. */
  after?: (allowed: boolean) => Promise<void>;
}

export interface Row {
  operation: string;
  note?: string;
  expected: Record<Role, Outcome>;
  /** Calls of this row one after another (they read a version the previous call changed). */
  sequential?: boolean;
  /** The request for one caller; it may first make a fresh object for that caller alone. */
  call(role: Role, cast: Cast): Call | Promise<Call>;
  /** What an allowed answer may show this caller (the root field's value). */
  probe?(answer: unknown, role: Role, cast: Cast): void;
}

export function row<T>(spec: {
  operation: string;
  note?: string;
  outcomes: Outcomes;
  sequential?: boolean;
  call: (role: Role, cast: Cast) => Call | Promise<Call>;
  probe?: (answer: T, role: Role, cast: Cast) => void;
}): Row {
  const { outcomes, probe, ...rest } = spec;
  return {
    ...rest,
    expected: Object.fromEntries(ROLES.map((role, i) => [role, outcomes[i]])) as Record<
      Role,
      Outcome
    >,
    probe: probe ? (answer, role, cast) => probe(answer as T, role, cast) : undefined,
  };
}

export const STAFF: Role[] = ['broker', 'admin'];
export const isStaff = (role: Role): boolean => STAFF.includes(role);

/** The enterprise a caller acts for, and the institution a researcher works at. */
export const ownEnterprise = (role: Role, cast: Cast): string | null =>
  role === 'enterpriseA' ? cast.enterprises.A : role === 'enterpriseB' ? cast.enterprises.B : null;
export const ownInstitution = (role: Role, cast: Cast): string | null =>
  role === 'researcher'
    ? cast.institutions.Y
    : role === 'otherResearcher'
      ? cast.institutions.Z
      : null;

export interface NeedView {
  id: string;
  status?: string;
  enterpriseId: string;
  enterprise: { contactName: string | null; contactPhone: string | null };
}
export interface ResultView {
  id: string;
  status?: string;
  institutionId: string;
  confidentialDetail: string | null;
}
export const NEED_FIELDS = 'id status enterpriseId enterprise { contactName contactPhone }';
export const RESULT_FIELDS = 'id status institutionId confidentialDetail';

/** Contact details only for the enterprise itself, brokers and admins. */
export function expectContactRule(role: Role, cast: Cast, needs: NeedView[]): void {
  const leaked = needs
    .filter((need) => !isStaff(role) && need.enterpriseId !== ownEnterprise(role, cast))
    .filter((need) => need.enterprise.contactName !== null || need.enterprise.contactPhone !== null)
    .map((need) => need.id);
  expect({ role, contactDetailsOfOthers: leaked }).toEqual({ role, contactDetailsOfOthers: [] });
}

/** Confidential details only for the result's institution's researchers, brokers and admins. */
export function expectConfidentialRule(role: Role, cast: Cast, results: ResultView[]): void {
  const leaked = results
    .filter((result) => !isStaff(role) && result.institutionId !== ownInstitution(role, cast))
    .filter((result) => result.confidentialDetail !== null)
    .map((result) => result.id);
  expect({ role, confidentialOfOthers: leaked }).toEqual({ role, confidentialOfOthers: [] });
}

/** `ids` appear in the answer for these roles, and for no other. */
export function expectSeenBy(
  role: Role,
  seers: Role[],
  seen: string[],
  ids: string[],
  what: string,
) {
  const shown = ids.filter((id) => seen.includes(id));
  expect({ role, [what]: shown }).toEqual({ role, [what]: seers.includes(role) ? ids : [] });
}

export const nodes = <T>(connection: { edges: Array<{ node: T }> }): T[] =>
  connection.edges.map((edge) => edge.node);

/** The deal between A and Y: its parties and staff see it; everyone else is told it is not there. */
export const PARTIES: Outcomes = [UN, OK, NF, OK, NF, OK, OK];
