/**
 * The search parameters the backend answers, per type (names and paths from the FHIR R4
 * specification). Maps, not object literals: a query parameter named `constructor` or
 * `__proto__` is simply not found. The CapabilityStatement is generated from this table, so it
 * advertises exactly what works.
 */

/** How the element a token parameter reads is shaped. */
export type TokenShape = 'code' | 'Identifier' | 'CodeableConcept';

export type ParamSpec =
  | { kind: 'token'; path: readonly string[]; shape: TokenShape; array: boolean }
  | { kind: 'reference'; path: readonly string[]; target?: string }
  | { kind: 'date'; path: readonly string[] | 'lastUpdated' };

export const modifiersOf: Readonly<Record<ParamSpec['kind'], readonly string[]>> = {
  token: ['missing', 'not'],
  reference: ['missing'],
  date: ['missing'],
};

/** The FHIR R4 date prefixes; every one is answered (backend/fhir/search/dates.ts). */
export const datePrefixes = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'] as const;

const code = (...path: string[]): ParamSpec => ({ kind: 'token', path, shape: 'code', array: false });
const ref = (target: string | undefined, ...path: string[]): ParamSpec => ({
  kind: 'reference',
  path: [...path, 'reference'],
  ...(target ? { target } : {}),
});
const identifier: ParamSpec = { kind: 'token', path: ['identifier'], shape: 'Identifier', array: true };

const common: [string, ParamSpec][] = [['_lastUpdated', { kind: 'date', path: 'lastUpdated' }]];
const withSubject: [string, ParamSpec][] = [
  ['status', code('status')],
  ['patient', ref('Patient', 'subject')],
  ['subject', ref('Patient', 'subject')],
];

const byType: Record<string, [string, ParamSpec][]> = {
  Task: [
    ['status', code('status')],
    ['owner', ref('Practitioner', 'owner')],
    ['patient', ref('Patient', 'for')],
    ['focus', ref(undefined, 'focus')],
    ['priority', code('priority')],
    ['identifier', identifier],
    ['authored-on', { kind: 'date', path: ['authoredOn'] }],
  ],
  Communication: withSubject,
  QuestionnaireResponse: withSubject,
  Media: withSubject,
  Encounter: withSubject,
  Composition: [...withSubject, ['encounter', ref('Encounter', 'encounter')]],
  Observation: withSubject,
  Condition: [
    ['patient', ref('Patient', 'subject')],
    ['subject', ref('Patient', 'subject')],
    ['clinical-status', { kind: 'token', path: ['clinicalStatus'], shape: 'CodeableConcept', array: false }],
  ],
  CarePlan: withSubject,
  Consent: [
    ['status', code('status')],
    ['patient', ref('Patient', 'patient')],
  ],
  Appointment: [['status', code('status')]],
  Patient: [['identifier', identifier]],
  Practitioner: [['identifier', identifier]],
  PractitionerRole: [['practitioner', ref('Practitioner', 'practitioner')]],
};

const tables = new Map<string, ReadonlyMap<string, ParamSpec>>();

/** The parameters of one type: `_id` is handled apart; `_lastUpdated` and the type's own. */
export function paramsOf(type: string): ReadonlyMap<string, ParamSpec> {
  let table = tables.get(type);
  if (!table) {
    table = new Map([...common, ...(Object.hasOwn(byType, type) ? (byType[type] ?? []) : [])]);
    tables.set(type, table);
  }
  return table;
}
