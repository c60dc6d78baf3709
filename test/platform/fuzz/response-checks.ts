/**
 * What every fuzzed response must satisfy, whatever the input: no 5xx, no INTERNAL_SERVER_ERROR,
 * and nothing in an error (message or extensions) that looks like a stack trace or SQL. Inputs are
 * hostile on purpose, so GraphQL may quote them back ("got invalid value …"): the strings sent are
 * removed from the text before it is searched.
 */

const STACK = [
  /\n\s+at\s/,
  /\bat\s+\S+\s+\(\S*:\d+:\d+\)/,
  /\.(?:js|ts|mjs|cjs):\d+/,
  /node_modules/,
  /\/(?:work|home|tmp|usr)\//,
  /\bdist\/(?:libs|apps)\b/,
];

const SQL = [
  /QueryFailedError|QueryRunner|EntityNotFound|TypeORM/i,
  /relation\s+"/i,
  /syntax error at or near/i,
  /violates\s+\S+(\s+\S+)?\s+constraint/i,
  /duplicate key value/i,
  /invalid input (syntax|value) for/i,
  /out of range for type/i,
  /invalid byte sequence/i,
  /\bSELECT\b[\s\S]{0,200}\bFROM\b/i,
  /\bINSERT\s+INTO\b/i,
  /\bUPDATE\s+"?\w+"?\s+SET\b/i,
  /\bDELETE\s+FROM\b/i,
  /\bcolumn\s+"\w+"/i,
  /\bpg_\w+\(/,
  /\bSQLSTATE\b/,
];

/** Keys Apollo or a careless formatter would add with internals in them. */
const FORBIDDEN_KEYS = new Set(['stacktrace', 'stack', 'exception', 'driverError', 'sql']);

export interface Inspection {
  status: number;
  /** The mutation returned its result (data for the field is not null). */
  accepted: boolean;
  /** The first error's code, or the HTTP status for a response without GraphQL errors. */
  code: string;
  problems: string[];
}

/** Every string in a value sent, in the forms a response may quote it in. */
export function sentStrings(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (value.length >= 3) {
      into.add(value);
      into.add(JSON.stringify(value).slice(1, -1));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) sentStrings(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      sentStrings(key, into);
      sentStrings(item, into);
    }
  }
  return into;
}

function stringLeaves(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value))
    value.forEach((item, i) => stringLeaves(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) out.push([`${path}.${key}`, '<forbidden key>']);
      stringLeaves(item, `${path}.${key}`, out);
    }
}

/** Problems in a piece of text from the server, once what the client sent is taken out of it. */
export function leaks(text: string, sent: string[]): string[] {
  let rest = text;
  for (const value of sent) if (rest.includes(value)) rest = rest.split(value).join('');
  const found: string[] = [];
  for (const pattern of STACK) if (pattern.test(rest)) found.push(`stack-like ${pattern}`);
  for (const pattern of SQL) if (pattern.test(rest)) found.push(`SQL-like ${pattern}`);
  return found;
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }>;
}

/** `sent`: from sentStrings. */
export function inspect(
  status: number,
  text: string,
  mutation: string,
  sentSet: Set<string>,
): Inspection {
  // Longest first, so that a string containing a shorter one is removed whole.
  const sent = [...sentSet].sort((a, b) => b.length - a.length);
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  let body: Body | undefined;
  try {
    body = JSON.parse(text) as Body;
  } catch {
    // Not JSON (a proxy page, a body-parser refusal): it must still say nothing internal.
    for (const found of leaks(text, sent)) problems.push(`non-JSON body: ${found}`);
    return { status, accepted: false, code: `HTTP ${status}`, problems };
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  for (const [i, error] of errors.entries()) {
    const code = error.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR')
      problems.push(`INTERNAL_SERVER_ERROR (errorId ${String(error.extensions?.errorId)})`);
    const leaves: Array<[string, string]> = [];
    stringLeaves(error, `errors[${i}]`, leaves);
    for (const [path, value] of leaves) {
      if (value === '<forbidden key>') problems.push(`${path} present`);
      for (const found of leaks(value, sent)) problems.push(`${path}: ${found}`);
    }
  }
  const accepted = status === 200 && body?.data?.[mutation] != null;
  const firstCode = errors[0]?.extensions?.code;
  return {
    status,
    accepted,
    code: accepted ? 'OK' : typeof firstCode === 'string' ? firstCode : `HTTP ${status}`,
    problems,
  };
}

/** A value as a failure report prints it: long strings shortened, so a report stays readable. */
export function abbreviate(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > 120 ? `${value.slice(0, 60)}…(${value.length} chars)` : value;
  if (Array.isArray(value))
    return value.length > 10
      ? [...value.slice(0, 10).map(abbreviate), `…(${value.length} items)`]
      : value.map(abbreviate);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, abbreviate(item)]));
  return value;
}
