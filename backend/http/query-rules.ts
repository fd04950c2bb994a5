// The rules every query string meets before a route reads it, wherever it comes from: the URL,
// an If-None-Exist header, a transaction entry's url or ifNoneExist.

export type Query = Record<string, string | string[]>;

/**
 * The query string as an object without a prototype, so no parameter name (`constructor`,
 * `__proto__`, `toString`) can reach an inherited property; a repeated name gives an array.
 */
export function parseQuery(raw: string): Query {
  const query = Object.create(null) as Query;
  for (const [name, value] of new URLSearchParams(raw)) {
    const had = query[name];
    query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return query;
}

/** Names no API of ours takes: looking them up in any plain object finds Object.prototype. */
const inheritedNames = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Numeric query parameters, wherever they appear: non-negative integers PostgreSQL's bigint and
 * JavaScript's numbers both hold exactly (`1e309`, `9223372036854775807` and `-5` are refused).
 */
const numericParams = new Set(['_count', '_offset', 'after', 'limit']);
const safeInteger = /^\d{1,15}$/;

/**
 * Date search parameters: after an optional prefix, a FHIR date starts with a four-digit year (not 0000).
 * `ge+275760-09-13` is a date JavaScript still holds and PostgreSQL does not; what the rest of a
 * date means (precision, ranges) is backend/fhir's.
 */
const dateParams = new Set([
  '_lastUpdated',
  '_since',
  '_at',
  'date',
  'birthdate',
  'death-date',
  'authored',
  'authored-on',
  'issued',
  'period',
  'sent',
  'received',
  'occurrence',
  'effective',
  'created',
]);
// FHIR's own year pattern: 0001 to 9999 (PostgreSQL has no year 0).
const fhirDate = /^(?:eq|ne|gt|lt|ge|le|sa|eb|ap)?(?:[0-9](?:[0-9](?:[0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(?:$|-|T)/;

export const hasNul = (s: string) => s.includes('\u0000');

/** What is wrong with a parsed query, or null. */
export function queryProblem(query: Query): string | null {
  for (const name of Object.keys(query)) {
    const values = ([] as string[]).concat(query[name] ?? []);
    if (hasNul(name) || values.some(hasNul)) return 'A search must not contain U+0000.';
    // `status:constructor`, `subject.__proto__`: a modifier or chain is looked up in a table too.
    if (name.split(/[:.]/).some((part) => inheritedNames.has(part))) return `Unknown parameter ${name}.`;
    // Result parameters (`_sort=__proto__`, `_total=constructor`) name table entries by their values.
    if (
      name.startsWith('_') &&
      values.some((v) => v.split(',').some((part) => inheritedNames.has(part.replace(/^-/, ''))))
    )
      return `Unsupported value for ${name}.`;
    if (numericParams.has(name) && values.some((v) => !safeInteger.test(v)))
      return `${name} must be a non-negative integer below 10^15.`;
    // With a modifier (`_lastUpdated:missing=true`) the value is not a date; backend/fhir checks it.
    if (dateParams.has(name) && values.some((v) => v !== '' && !fhirDate.test(v)))
      return `${name} must be a date with a four-digit year.`;
  }
  return null;
}

/** The same rules for a search carried elsewhere: If-None-Exist, a transaction entry's url or ifNoneExist. */
export const searchProblem = (search: string): string | null =>
  hasNul(search) ? 'A search must not contain U+0000.' : queryProblem(parseQuery(search));
