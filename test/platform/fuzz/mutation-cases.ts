/**
 * Fuzz cases for every mutation of the schema, built from its GraphQL input types: each case is a
 * plausible input (type-directed, values chosen by field name, ids of rows that exist) that is then
 * left alone, corrupted at one or more paths, broken structurally (a required field null or
 * missing, an unknown field), or replaced by type-directed garbage. About one case in ten is sent
 * as literals in the query text instead of variables, which GraphQL coerces by another path.
 */
import fc from 'fast-check';
import {
  getNamedType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import {
  hostileId,
  hostileInt,
  hostileString,
  plausibleByName,
  plausibleSales,
  plausibleTerms,
  poolForIdField,
  type PoolName,
  Ref,
  type Vocabulary,
} from './fuzz-values.js';

export type RoleName = 'admin' | 'broker' | 'enterprise' | 'researcher' | 'anonymous';

export type CaseMode = 'plausible' | 'corrupt-one' | 'corrupt-many' | 'structural' | 'random';

export interface FuzzCase {
  mutation: string;
  /** Position among this mutation's cases: with the seed, enough to regenerate it. */
  index: number;
  role: RoleName;
  mode: CaseMode;
  /** Picks the row that the input's own id (and version) name. */
  anchor: number;
  literal: boolean;
  args: Record<string, unknown>;
}

type Path = Array<string | number>;

interface Slot {
  path: Path;
  type: GraphQLInputType;
  name: string;
  /** The input object type (or mutation) the field belongs to. */
  owner: string;
  required: boolean;
}

/** A field or argument: both have a name, a type and maybe a default. */
type InputSlot = Pick<GraphQLInputField | GraphQLArgument, 'name' | 'type' | 'defaultValue'>;

const isRequired = (slot: InputSlot): boolean =>
  isNonNullType(slot.type) && slot.defaultValue === undefined;

class Builder {
  constructor(
    private readonly mutation: string,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** What a careful client would send for this type, in a field called `name` of `owner`. */
  plausible(
    type: GraphQLInputType,
    name: string,
    owner: string,
    primary: PoolName | null,
  ): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return this.plausible(type.ofType, name, owner, primary);
    if (isListType(type)) {
      if (name === 'patentIds') {
        // The patents of the result the case names: what a broker opening a deal picks.
        return fc.oneof(
          fc.constant(new Ref('result', 'anchor', 'patentIds')),
          fc.array(this.plausible(type.ofType, name, owner, primary), { maxLength: 2 }),
        );
      }
      return fc.array(this.plausible(type.ofType, name, owner, primary), {
        minLength: 1,
        maxLength: 3,
      });
    }
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
    if (isInputObjectType(type)) return this.plausibleObject(type.name, type.getFields());
    const scalar = type.name;
    if (scalar === 'Boolean') return fc.boolean();
    if (scalar === 'ID') {
      const pool = poolForIdField(name, owner, this.mutation);
      if (!pool) return fc.uuid();
      const own = pool === primary && (name === 'id' || name === 'dealId' || name === 'offerId');
      return own || name === 'resultId'
        ? fc.constant(new Ref(pool, 'anchor'))
        : fc.nat().map((n) => new Ref(pool, n));
    }
    if (scalar === 'Int' && name === 'version' && primary)
      return fc.constant(new Ref(primary, 'anchor', 'version'));
    return plausibleByName(name, scalar, this.vocabulary) ?? fc.string({ maxLength: 20 });
  }

  plausibleObject(
    typeName: string,
    fields: Record<string, InputSlot>,
  ): fc.Arbitrary<Record<string, unknown>> {
    if (typeName === 'OfferTermsInput') return plausibleTerms(this.vocabulary);
    const primary = this.primaryPool(typeName, fields);
    const entries = Object.values(fields).map((field) => {
      const value = this.plausible(field.type, field.name, typeName, primary);
      const arbitrary = isRequired(field)
        ? value
        : fc.oneof(
            { weight: 3, arbitrary: value },
            { weight: 2, arbitrary: fc.constant(ABSENT) },
            { weight: isNonNullType(field.type) ? 0 : 1, arbitrary: fc.constant(null) },
          );
      return [field.name, arbitrary] as const;
    });
    let object = fc
      .tuple(...entries.map(([, arbitrary]) => arbitrary))
      .map((values) => withoutAbsent(entries.map(([key], i) => [key, values[i]])));
    if (typeName === 'ReportSalesInput')
      object = fc.tuple(object, plausibleSales).map(([base, sales]) => ({ ...base, ...sales }));
    if (typeName === 'LoginInput' && this.vocabulary.logins.length > 0)
      object = fc.oneof(object, fc.constantFrom(...this.vocabulary.logins));
    return object;
  }

  /** The pool of the row an input is about (its own `id`, or the deal or offer it acts on). */
  private primaryPool(typeName: string, fields: Record<string, InputSlot>): PoolName | null {
    if (fields.id) return poolForIdField('id', typeName, this.mutation);
    if (fields.offerId) return 'offer';
    if (fields.dealId) return 'deal';
    return null;
  }

  /** What a careless or hostile client sends where this type is expected. */
  hostile(type: GraphQLInputType, name: string, owner: string): fc.Arbitrary<unknown> {
    if (isNonNullType(type))
      return fc.oneof(
        { weight: 6, arbitrary: this.hostile(type.ofType, name, owner) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    if (isListType(type))
      return fc.oneof(
        fc.constant([]),
        fc.array(this.hostile(type.ofType, name, owner), { minLength: 1, maxLength: 4 }),
        // Long lists of otherwise good items: limits on list sizes.
        fc.array(this.plausible(type.ofType, name, owner, null), {
          minLength: 30,
          maxLength: 300,
        }),
        // Duplicates of one good item.
        this.plausible(type.ofType, name, owner, null).map((item) => [item, item, item]),
        // A single value where a list is expected (GraphQL wraps it), and a nested list.
        this.hostile(type.ofType, name, owner),
        fc.constant([[]]),
        fc.constant([null]),
      );
    if (isEnumType(type)) {
      const names = type.getValues().map((value) => value.name);
      return fc.oneof(
        fc.constantFrom(...names.map((value) => value.toLowerCase())),
        fc.constantFrom('', 'NULL', 'DROP', 'ADMIN', 'SYSTEM', '__proto__', `${names[0]} `),
        fc.constant(0),
      );
    }
    if (isInputObjectType(type))
      return fc.oneof(
        fc.constant({}),
        fc.constant('object'),
        fc.constant([]),
        fc.constant(42),
        this.random(type, owner),
      );
    const wrongType = fc.constantFrom<unknown>(true, 3.25, {}, [], { a: 1 });
    switch (type.name) {
      case 'String':
        return fc.oneof(
          { weight: 10, arbitrary: hostileString },
          { weight: 1, arbitrary: wrongType },
          { weight: 1, arbitrary: fc.integer() },
        );
      case 'Int':
        return fc.oneof({ weight: 10, arbitrary: hostileInt }, { weight: 1, arbitrary: wrongType });
      case 'ID':
        return fc.oneof({ weight: 10, arbitrary: hostileId }, { weight: 1, arbitrary: wrongType });
      case 'Boolean':
        return fc.constantFrom<unknown>('true', 1, 0, 'yes', {}, []);
      default:
        return fc.oneof(hostileString, wrongType);
    }
  }

  /** Type-directed garbage: every field absent, hostile or plausible at random. */
  random(type: GraphQLInputType, owner: string, name = ''): fc.Arbitrary<unknown> {
    const named = isNonNullType(type) ? type.ofType : type;
    if (isInputObjectType(named)) {
      const entries = Object.values(named.getFields()).map(
        (field) =>
          [
            field.name,
            fc.oneof(
              fc.constant(ABSENT),
              this.hostile(field.type, field.name, named.name),
              this.plausible(field.type, field.name, named.name, null),
            ),
          ] as const,
      );
      return fc
        .tuple(...entries.map(([, arbitrary]) => arbitrary))
        .map((values) => withoutAbsent(entries.map(([key], i) => [key, values[i]])));
    }
    return this.hostile(type, name, owner);
  }
}

/** Marks a field left out of an input object. */
const ABSENT = Symbol('absent');

function withoutAbsent(entries: Array<readonly [string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries.filter(([, value]) => value !== ABSENT));
}

/** Every place in an input tree a corruption can hit (list items at index 0). */
function slotsOf(args: readonly GraphQLArgument[], mutation: string): Slot[] {
  const slots: Slot[] = [];
  const visit = (field: InputSlot, owner: string, path: Path, depth: number): void => {
    slots.push({ path, type: field.type, name: field.name, owner, required: isRequired(field) });
    let inner = field.type;
    let itemPath = path;
    while (isNonNullType(inner) || isListType(inner)) {
      if (isListType(inner)) itemPath = [...itemPath, 0];
      inner = inner.ofType;
    }
    if (isInputObjectType(inner) && depth < 4) {
      for (const child of Object.values(inner.getFields()))
        visit(child, inner.name, [...itemPath, child.name], depth + 1);
    }
  };
  for (const arg of args) visit(arg, mutation, [arg.name], 0);
  return slots;
}

function setPath(root: Record<string, unknown>, path: Path, value: unknown, remove = false): void {
  let node: Record<string | number, unknown> = root;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      if (remove) delete node[key];
      else
        Object.defineProperty(node, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object') {
      // Make the containers a deep corruption needs, as a client building the input would.
      node[key] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  }
}

const EXTRA_KEYS = ['extra', '__typename', '__proto__', 'constructor', 'role', 'isAdmin', 'id'];

/** All of one mutation's cases come from this arbitrary. */
export function mutationCaseArbitrary(
  schema: GraphQLSchema,
  mutation: string,
  roles: RoleName[],
  vocabulary: Vocabulary,
): fc.Arbitrary<Omit<FuzzCase, 'index'>> {
  const field = schema.getMutationType()?.getFields()[mutation];
  if (!field) throw new Error(`no mutation ${mutation}`);
  const builder = new Builder(mutation, vocabulary);
  const args = field.args;
  const plausibleArgs =
    args.length === 0
      ? fc.constant({})
      : builder.plausibleObject(mutation, Object.fromEntries(args.map((arg) => [arg.name, arg])));
  const slots = slotsOf(args, mutation);
  const corruption =
    slots.length === 0
      ? fc.constant(null)
      : fc
          .nat(slots.length - 1)
          .chain((i) =>
            builder
              .hostile(slots[i].type, slots[i].name, slots[i].owner)
              .map((value) => ({ path: slots[i].path, value })),
          );
  const required = slots.filter((slot) => slot.required);
  const objects = slots.filter((slot) => isInputObjectType(getNamedType(slot.type)));
  const structural = fc.oneof(
    ...(required.length > 0
      ? [
          fc.constantFrom(...required).map((slot) => ({ path: slot.path, value: null })),
          fc
            .constantFrom(...required)
            .map((slot) => ({ path: slot.path, value: undefined, remove: true })),
        ]
      : []),
    fc
      .tuple(
        // Into the object itself: a list of objects gets the key on its first item.
        fc.constantFrom<Path>(
          [],
          ...objects.map((slot) => {
            const type = isNonNullType(slot.type) ? slot.type.ofType : slot.type;
            return isListType(type) ? [...slot.path, 0] : slot.path;
          }),
        ),
        fc.constantFrom(...EXTRA_KEYS),
      )
      .map(([path, key]) => ({ path: [...path, key], value: 'x' })),
  );
  const randomArgs = fc
    .tuple(...args.map((arg) => builder.random(arg.type, mutation, arg.name)))
    .map((values) => Object.fromEntries(args.map((arg, i) => [arg.name, values[i]])));

  type Change = { path: Path; value: unknown; remove?: boolean };
  const withChanges = (changes: fc.Arbitrary<Change[]>) =>
    fc.tuple(plausibleArgs, changes).map(([base, list]) => {
      const copy = structuredCloneWithRefs(base);
      for (const change of list)
        if (change.path.length > 0) setPath(copy, change.path, change.value, change.remove);
      return copy;
    });
  const some = (arbitrary: fc.Arbitrary<Change | null>, min: number, max: number) =>
    fc
      .array(arbitrary, { minLength: min, maxLength: max })
      .map((list) => list.filter((change): change is Change => change !== null));

  const byMode = fc.oneof(
    { weight: 25, arbitrary: fc.tuple(fc.constant<CaseMode>('plausible'), plausibleArgs) },
    {
      weight: 35,
      arbitrary: fc.tuple(
        fc.constant<CaseMode>('corrupt-one'),
        withChanges(some(corruption, 1, 1)),
      ),
    },
    {
      weight: 15,
      arbitrary: fc.tuple(
        fc.constant<CaseMode>('corrupt-many'),
        withChanges(some(corruption, 2, 4)),
      ),
    },
    {
      weight: args.length > 0 ? 10 : 0,
      arbitrary: fc.tuple(fc.constant<CaseMode>('structural'), withChanges(some(structural, 1, 1))),
    },
    {
      weight: args.length > 0 ? 15 : 0,
      arbitrary: fc.tuple(fc.constant<CaseMode>('random'), randomArgs),
    },
  );
  return fc
    .record({
      mode: byMode,
      // Now and then the wrong caller: the guard must refuse as cleanly as a service does.
      role: fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom(...roles) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<RoleName>('anonymous', 'enterprise', 'researcher'),
        },
      ),
      anchor: fc.nat(),
      literal: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, fc.constant(true)),
    })
    .map(({ mode: [mode, args], role, anchor, literal }) => ({
      mutation,
      role,
      mode,
      anchor,
      literal,
      args,
    }));
}

/** A deep copy that keeps Ref instances (structuredClone would turn them into plain objects). */
function structuredCloneWithRefs<T>(value: T): T {
  if (value instanceof Ref || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(structuredCloneWithRefs) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(copy, key, {
      value: structuredCloneWithRefs(item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy as T;
}

/** The fields a client would read back: every leaf of the returned type that takes no argument. */
export function selectionFor(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return '';
  const leaves = Object.values((named as GraphQLObjectType).getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

/** A GraphQL literal for a value, for cases sent inline rather than as variables. */
export function printLiteral(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => printLiteral(item, inner && isListType(inner) ? inner.ofType : undefined)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${safeName(key)}: ${printLiteral(item, fields[key]?.type)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string') {
    if (inner && isEnumType(inner) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
    return JSON.stringify(value);
  }
  // Numbers and booleans: JSON writes them as GraphQL does.
  return JSON.stringify(value) ?? 'null';
}

/** A name GraphQL can parse (an unknown one is still refused by validation, as intended). */
const safeName = (key: string): string =>
  /^[_A-Za-z][_0-9A-Za-z]*$/.test(key) ? key : `_${key.replace(/\W/g, '_')}`;

/** The query text of a case: variables, or literals when `args` are given. */
export function operationText(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  literal: boolean,
): string {
  const present = field.args.filter((arg) => arg.name in args);
  const selection = selectionFor(field);
  if (literal) {
    const inline = present.map((arg) => `${arg.name}: ${printLiteral(args[arg.name], arg.type)}`);
    return `mutation { ${field.name}${inline.length > 0 ? `(${inline.join(', ')})` : ''} ${selection} }`;
  }
  const declared = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`);
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  return declared.length > 0
    ? `mutation Fuzz(${declared.join(', ')}) { ${field.name}(${passed.join(', ')}) ${selection} }`
    : `mutation Fuzz { ${field.name} ${selection} }`;
}
