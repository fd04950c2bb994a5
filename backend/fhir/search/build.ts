import { invalid } from '../fhir-error';
import { dateCondition, elementRange, lastUpdatedRange, parseDateSearch } from './dates';
import { type ParamSpec, modifiersOf, paramsOf } from './params';
import { tokenCondition } from './tokens';

export type Query = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface SearchQuery {
  where: string;
  params: unknown[];
  orderBy: string;
  count: number;
  offset: number;
  /** The parameters that took effect, as the self link repeats them (unknown ones left out). */
  used: [string, string][];
}

export interface SearchOptions {
  /** `Prefer: handling=strict`: an unknown parameter or modifier is 400 instead of ignored. */
  strict?: boolean;
}

export const maxCount = 1000;
export const defaultCount = 50;
const maxOffset = 1_000_000;
const sorts = new Map([
  ['_lastUpdated', 'last_updated ASC, id'],
  ['-_lastUpdated', 'last_updated DESC, id'],
  ['_id', 'id ASC'],
  ['-_id', 'id DESC'],
]);
const ignoredResultParams = new Set(['_format', '_total']);

/** A JSON path from the static table as SQL (`body->'a'->>'b'`); names are checked, never user text. */
export function textAt(path: readonly string[]): string {
  if (path.some((p) => !/^[A-Za-z0-9]+$/.test(p))) throw new Error(`bad search path ${path.join('.')}`);
  return `body${path.map((p, i) => `${i === path.length - 1 ? '->>' : '->'}'${p}'`).join('')}`;
}
const jsonAt = (path: readonly string[]) => `body${path.map((p) => `->'${p}'`).join('')}`;

function integerParam(name: string, raw: string, max: number): number {
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(value <= max)) throw invalid(`${name} must be a whole number from 0 to ${max}: ${raw}`);
  return value;
}

/** One condition for `name[:modifier]=value`; null when lenient and the parameter is unknown. */
function condition(
  spec: ParamSpec,
  name: string,
  modifier: string | undefined,
  value: string,
  add: (v: unknown) => string,
): string {
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') throw invalid(`${name}:missing takes true or false`);
    const present =
      spec.kind === 'date' && spec.path === 'lastUpdated'
        ? 'TRUE'
        : `${jsonAt(spec.kind === 'reference' ? spec.path.slice(0, -1) : (spec.path as readonly string[]))} IS NOT NULL`;
    return value === 'true' ? `NOT (${present})` : present;
  }
  const alternatives = value.split(',');
  if (alternatives.some((v) => v === '')) throw invalid(`${name}: empty value`);
  switch (spec.kind) {
    case 'date': {
      const target = spec.path === 'lastUpdated' ? lastUpdatedRange : elementRange(spec.path);
      return `(${alternatives.map((v) => dateCondition(parseDateSearch(name, v), target.tLo, target.tHi, add)).join(' OR ')})`;
    }
    case 'reference': {
      const refs = alternatives.map((v) => (v.includes('/') ? v : spec.target ? `${spec.target}/${v}` : null));
      const bare = alternatives.filter((_v, i) => refs[i] === null);
      const full = refs.filter((r): r is string => r !== null);
      const expr = textAt(spec.path);
      const parts = [
        ...(full.length ? [`${expr} = ANY(${add(full)})`] : []),
        ...(bare.length ? [`split_part(${expr}, '/', 2) = ANY(${add(bare)})`] : []),
      ];
      return `(${parts.join(' OR ')})`;
    }
    case 'token': {
      const match = tokenCondition(spec, alternatives, add);
      return modifier === 'not' ? `NOT coalesce(${match}, FALSE)` : match;
    }
  }
}

/**
 * Builds a parameterised WHERE clause over resource_current; values never enter the SQL text.
 * Unknown parameters are ignored (FHIR's lenient handling) unless the caller asked for strict.
 */
export function buildSearch(type: string, query: Query, options: SearchOptions = {}): SearchQuery {
  const params: unknown[] = [type];
  const clauses = ['type = $1', 'deleted = FALSE'];
  const used: [string, string][] = [];
  const add = (value: unknown) => `$${params.push(value)}`;
  const table = paramsOf(type);
  const single = (name: string): string | undefined => {
    const raw = Object.hasOwn(query, name) ? query[name] : undefined;
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string') throw invalid(`${name} may be given once`);
    return raw;
  };
  const unknown = (what: string) => {
    if (options.strict) throw invalid(what);
  };

  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined || key === '_count' || key === '_offset' || key === '_sort' || ignoredResultParams.has(key))
      continue;
    const [name = '', modifier, ...extra] = key.split(':');
    const values = (typeof raw === 'string' ? [raw] : raw).filter((v) => v !== '');
    if (name === '_id' && modifier === undefined) {
      for (const value of values) clauses.push(`id = ANY(${add(value.split(','))})`);
      used.push(...values.map((v): [string, string] => [key, v]));
      continue;
    }
    const spec = table.get(name);
    if (!spec) {
      unknown(`Unknown search parameter ${name} for ${type}`);
      continue;
    }
    if (extra.length > 0 || (modifier !== undefined && !modifiersOf[spec.kind].includes(modifier))) {
      unknown(`Unsupported modifier ${key.slice(name.length)} for ${name}`);
      continue;
    }
    for (const value of values) {
      clauses.push(condition(spec, name, modifier, value, add));
      used.push([key, value]);
    }
  }

  const sort = single('_sort') ?? '-_lastUpdated';
  const orderBy = sorts.get(sort);
  if (!orderBy) throw invalid(`Unsupported _sort ${sort}`);
  if (single('_sort') !== undefined) used.push(['_sort', sort]);
  const countRaw = single('_count');
  const count =
    countRaw === undefined ? defaultCount : Math.min(integerParam('_count', countRaw, 999_999_999), maxCount);
  const offsetRaw = single('_offset');
  const offset = offsetRaw === undefined ? 0 : integerParam('_offset', offsetRaw, maxOffset);
  return { where: clauses.join(' AND '), params, orderBy, count, offset, used };
}

/** A query string (If-None-Exist, a conditional URL) as the same shape Fastify gives searches. */
export function queryOf(text: string): Query {
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    const before = query[name];
    query[name] = before === undefined ? value : [...(typeof before === 'string' ? [before] : before), value];
  }
  return query;
}
