import { invalid } from './fhir-error';

/** A search parameter: where its value sits in the resource, and how it compares. */
interface ParamSpec {
  path: readonly string[];
  kind: 'token' | 'reference';
  /** For references given as a bare id: the type to prefix. */
  target?: string;
}

const subject = (target = 'Patient'): ParamSpec => ({ path: ['subject', 'reference'], kind: 'reference', target });
const status: ParamSpec = { path: ['status'], kind: 'token' };
const withSubject = { status, patient: subject(), subject: subject() };

/** The search parameters the workstation needs, per type (names from the FHIR specification). */
export const searchParams: Record<string, Record<string, ParamSpec>> = {
  Task: {
    status,
    owner: { path: ['owner', 'reference'], kind: 'reference', target: 'Practitioner' },
    patient: { path: ['for', 'reference'], kind: 'reference', target: 'Patient' },
    focus: { path: ['focus', 'reference'], kind: 'reference' },
    priority: { path: ['priority'], kind: 'token' },
  },
  Communication: withSubject,
  QuestionnaireResponse: withSubject,
  Media: withSubject,
  Encounter: withSubject,
  Composition: { ...withSubject, encounter: { path: ['encounter', 'reference'], kind: 'reference', target: 'Encounter' } },
  Observation: withSubject,
  Condition: { patient: subject(), subject: subject(), 'clinical-status': { path: ['clinicalStatus', 'coding', '0', 'code'], kind: 'token' } },
  CarePlan: withSubject,
  Consent: { status, patient: { path: ['patient', 'reference'], kind: 'reference', target: 'Patient' } },
  Appointment: { status },
  Patient: { identifier: { path: ['identifier', '0', 'value'], kind: 'token' } },
  PractitionerRole: { practitioner: { path: ['practitioner', 'reference'], kind: 'reference', target: 'Practitioner' } },
};

const resultParams = new Set(['_count', '_sort', '_offset', '_format', '_total']);
const prefixes: Record<string, string> = { eq: '=', ne: '<>', gt: '>', lt: '<', ge: '>=', le: '<=' };

export interface SearchQuery {
  where: string;
  params: unknown[];
  orderBy: string;
  count: number;
  offset: number;
}

/** Builds a parameterised WHERE clause over resource_current; values never enter the SQL text. */
export function buildSearch(type: string, query: Record<string, string | string[] | undefined>): SearchQuery {
  const params: unknown[] = [type];
  const clauses = ['type = $1', 'deleted = FALSE'];
  const add = (value: unknown) => `$${params.push(value)}`;
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || resultParams.has(name)) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== '');
    for (const value of values) {
      if (name === '_id') clauses.push(`id = ANY(${add(value.split(','))})`);
      else if (name === '_lastUpdated') {
        const match = /^(eq|ne|gt|lt|ge|le)?(.+)$/.exec(value);
        const when = new Date(match?.[2] ?? '');
        if (Number.isNaN(when.getTime())) throw invalid(`_lastUpdated: not a date: ${value}`);
        clauses.push(`last_updated ${prefixes[match?.[1] ?? 'eq']} ${add(when.toISOString())}`);
      } else {
        const spec = searchParams[type]?.[name];
        if (!spec) throw invalid(`Unknown search parameter ${name} for ${type}`);
        const options = value.split(',').map((v) => (spec.kind === 'reference' && spec.target && !v.includes('/') ? `${spec.target}/${v}` : v));
        clauses.push(`body #>> ${add(`{${spec.path.join(',')}}`)} = ANY(${add(options)})`);
      }
    }
  }
  const sortParam = typeof query._sort === 'string' ? query._sort : '-_lastUpdated';
  const sorts: Record<string, string> = { _lastUpdated: 'last_updated ASC, id', '-_lastUpdated': 'last_updated DESC, id', _id: 'id ASC', '-_id': 'id DESC' };
  const orderBy = sorts[sortParam];
  if (!orderBy) throw invalid(`Unsupported _sort ${sortParam}`);
  const count = Math.min(Math.max(Number(query._count ?? 50) || 50, 0), 1000);
  const offset = Math.max(Number(query._offset ?? 0) || 0, 0);
  return { where: clauses.join(' AND '), params, orderBy, count, offset };
}
