import type { Bundle, CapabilityStatement, CodeableConcept, Identifier, Resource } from '@medplum/fhirtypes';
import type { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases';
import { type ConformanceBackend, nextPage, startConformanceBackend } from './conformance-backend';

type R = Record<string, unknown> & Resource;
const ref = (v: unknown) => (v as { reference?: string } | undefined)?.reference;

/**
 * What each search parameter reads, as the FHIR R4 specification defines it (an integrator's
 * reading, written apart from the server's own table). A parameter the server advertises that
 * is missing here fails the test.
 */
const meaning: Record<string, (r: R) => unknown> = {
  _id: (r) => r.id,
  _lastUpdated: (r) => r.meta?.lastUpdated,
  status: (r) => r.status,
  priority: (r) => r.priority,
  identifier: (r) => r.identifier,
  owner: (r) => ref(r.owner),
  focus: (r) => ref(r.focus),
  subject: (r) => ref(r.subject),
  encounter: (r) => ref(r.encounter),
  practitioner: (r) => ref(r.practitioner),
  'clinical-status': (r) => r.clinicalStatus,
  'authored-on': (r) => r.authoredOn,
  patient: (r) => ref(r.resourceType === 'Task' ? r.for : r.resourceType === 'Consent' ? r.patient : r.subject),
};

interface Advertised {
  name: string;
  type: string;
  modifiers: string[];
  prefixes: string[];
}
/** Modifiers and prefixes as the CapabilityStatement documents them ("Modifiers: missing not. Prefixes: eq ne …"). */
function advertised(p: { name: string; type: string; documentation?: string }): Advertised {
  const doc = p.documentation ?? '';
  const list = (label: string) =>
    (new RegExp(`${label}: ([^.]*)\\.`).exec(doc)?.[1] ?? '').split(' ').filter((x) => x && x !== 'none');
  return { name: p.name, type: p.type, modifiers: list('Modifiers'), prefixes: list('Prefixes') };
}

/** The range a date value spans at its precision, in ms (FHIR R4 3.1.1.4.2.2); an instant is 1 ms wide. */
function span(value: string): [number, number] {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) throw new Error(`not a date ${value}`);
  const [, y, mo, d, h, mi, s] = m;
  const lo =
    value.length > 19
      ? Date.parse(value)
      : Date.UTC(Number(y), Number(mo ?? 1) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (value.length > 19 && /\.\d/.test(value)) return [lo, lo + 1];
  const next = new Date(lo);
  if (s !== undefined) next.setUTCSeconds(next.getUTCSeconds() + 1);
  else if (mi !== undefined) next.setUTCMinutes(next.getUTCMinutes() + 1);
  else if (d !== undefined) next.setUTCDate(next.getUTCDate() + 1);
  else if (mo !== undefined) next.setUTCMonth(next.getUTCMonth() + 1);
  else next.setUTCFullYear(next.getUTCFullYear() + 1);
  return [lo, next.getTime()];
}
/** Whether a target date matches `prefix` + search value, by the R4 definitions (ap: within 10 % of the distance to now). */
function dateMatches(prefix: string, search: string, target: string): boolean {
  const [lo, hi] = span(search);
  const [tLo, tHi] = span(target);
  const eq = tLo >= lo && tHi <= hi;
  const margin = Math.abs(Date.now() - lo) * 0.1;
  const rules: Record<string, boolean> = {
    eq,
    ne: !eq,
    gt: tHi > hi,
    lt: tLo < lo,
    ge: tHi > hi || eq,
    le: tLo < lo || eq,
    sa: tLo >= hi,
    eb: tHi <= lo,
    ap: tLo < hi + margin && tHi > lo - margin,
  };
  const rule = rules[prefix];
  if (rule === undefined) throw new Error(`unknown prefix ${prefix}`);
  return rule;
}

/** The same instant at each precision FHIR dates have: year, month, day, minute, second (with a zone). */
const precisions = (instant: string) => [
  instant.slice(0, 4),
  instant.slice(0, 7),
  instant.slice(0, 10),
  `${instant.slice(0, 16)}Z`,
  `${instant.slice(0, 19)}+00:00`,
];

/** Token values of an element for the three token forms: code, system|code, |code. */
function tokens(value: unknown): { code: string; system?: string }[] {
  if (typeof value === 'string') return [{ code: value }];
  if (value === undefined || value === null) return [];
  const items = (Array.isArray(value) ? value : [value]) as (Identifier | CodeableConcept)[];
  return items.flatMap((item) =>
    'coding' in item
      ? (item.coding ?? []).map((c) => ({ code: c.code ?? '', ...(c.system ? { system: c.system } : {}) }))
      : [
          {
            code: (item as Identifier).value ?? '',
            ...((item as Identifier).system ? { system: (item as Identifier).system } : {}),
          },
        ],
  );
}
const tokenMatches = (value: unknown, query: string) => {
  const bar = query.indexOf('|');
  const [system, code] = bar < 0 ? [undefined, query] : [query.slice(0, bar), query.slice(bar + 1)];
  return tokens(value).some(
    (t) =>
      (code === '' || t.code === code) &&
      (system === undefined || (system === '' ? t.system === undefined : t.system === system)),
  );
};
const isMissing = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * What the synthetic county does not hold (visits, messages, problems, plans, identifiers on
 * contacts and staff), written through the API as an integrator would, so every advertised
 * parameter has something to find.
 */
async function addFixtures(lead: Client, admin: Client): Promise<void> {
  const patients = (await lead.search({ resourceType: 'Patient', searchParams: { _count: '1' } })) as unknown as Bundle;
  const subject = { reference: `Patient/${patients.entry?.[0]?.resource?.id ?? ''}` };
  const me = { reference: 'Practitioner/staff-lead-leena' };
  const now = new Date().toISOString();
  const encounter = `urn:uuid:${crypto.randomUUID()}`;
  const entries: Resource[] = [
    {
      resourceType: 'Encounter',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' },
      subject,
    },
    {
      resourceType: 'Composition',
      status: 'final',
      type: { text: 'Hoitokertomus' },
      subject,
      encounter: { reference: encounter },
      date: now,
      author: [me],
      title: 'Merkintä',
    },
    {
      resourceType: 'Communication',
      status: 'completed',
      subject,
      sender: me,
      sent: now,
      payload: [{ contentString: 'Hei' }],
    },
    {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'Paino' },
      subject,
      performer: [me],
      effectiveDateTime: now,
      valueQuantity: { value: 70, unit: 'kg' },
    },
    {
      resourceType: 'Condition',
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      code: { text: 'Verenpainetauti' },
      subject,
      recorder: me,
    },
    { resourceType: 'CarePlan', status: 'active', intent: 'plan', subject, author: me },
    {
      resourceType: 'Appointment',
      status: 'booked',
      start: now,
      end: new Date(Date.parse(now) + 1_800_000).toISOString(),
      participant: [{ actor: subject, status: 'accepted' }],
    },
    {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      for: subject,
      authoredOn: now,
      identifier: [{ system: 'urn:kaari:conformance', value: 'contact-1' }],
    },
  ];
  await lead.transaction({
    body: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: entries.map((resource) => ({
        ...(resource.resourceType === 'Encounter' ? { fullUrl: encounter } : {}),
        resource,
        request: { method: 'POST', url: resource.resourceType },
      })),
    },
  });
  await admin.create({
    resourceType: 'Practitioner',
    body: {
      resourceType: 'Practitioner',
      name: [{ family: 'Konformi' }],
      identifier: [{ system: 'urn:kaari:conformance', value: 'staff-1' }],
    },
  });
}

describe.each(testDatabases)('every advertised search parameter, prefix and modifier on $name', (database) => {
  let backend: ConformanceBackend;
  let lead: Client;
  let statement: CapabilityStatement;
  let requests = 0;

  beforeAll(async () => {
    backend = await startConformanceBackend(database);
    lead = await backend.client('leena');
    statement = (await lead.capabilityStatement()) as unknown as CapabilityStatement;
    await addFixtures(lead, await backend.client('antti'));
  }, 180_000);
  afterAll(async () => {
    await backend?.close();
  });

  /** Every match of a search, page by page (the access log outgrows one page while the test reads). */
  const search = async (type: string, params: Record<string, string>): Promise<R[]> => {
    requests++;
    let bundle = (await lead.search({
      resourceType: type,
      searchParams: { ...params, _count: '1000' },
    })) as unknown as Bundle;
    const found = (bundle.entry ?? []).map((e) => e.resource as R);
    while (bundle.link?.some((l) => l.relation === 'next')) {
      bundle = await nextPage(lead, bundle);
      found.push(...(bundle.entry ?? []).map((e) => e.resource as R));
    }
    return found;
  };

  /**
   * The search found exactly what matches: nothing that does not, nothing of the known set left
   * out (the access log grows while the test reads, so what is new is judged by itself).
   */
  const expectExactly = (found: readonly R[], all: readonly R[], matches: (r: R) => boolean, label: string) => {
    expect(
      found.filter((r) => !matches(r)).map((r) => r.id),
      `${label}: found what does not match`,
    ).toEqual([]);
    const ids = new Set(found.map((r) => r.id));
    expect(
      all.filter((r) => matches(r) && !ids.has(r.id)).map((r) => r.id),
      `${label}: left out what matches`,
    ).toEqual([]);
  };

  it('answers each one as FHIR R4 defines it, for every resource type', async () => {
    const resources = statement.rest?.[0]?.resource ?? [];
    /** Parameters with nothing in the test county to find by them: each must be covered by a fixture. */
    const gaps: string[] = [];
    expect(resources.length).toBeGreaterThan(10);
    for (const resource of resources) {
      const type = resource.type;
      const all = await search(type, {});
      // Something of each type to search for: the county, the directory, templates, the access log.
      if (all.length === 0) {
        gaps.push(type);
        continue;
      }
      for (const param of (resource.searchParam ?? []).map(advertised)) {
        const read = meaning[param.name];
        expect(read, `${type}?${param.name} is advertised; what does it mean?`).toBeDefined();
        if (!read) continue;
        const what = `${type}?${param.name}`;
        const withValue = all.filter((r) => !isMissing(read(r)));
        const sample = withValue[0];
        if (!sample && param.type !== 'date') {
          gaps.push(what);
          continue;
        }
        if (param.type === 'date') {
          expect(sample, `${what}: nothing dated`).toBeDefined();
          const at = String(read(sample as R));
          const values = type === 'Task' ? precisions(new Date(at).toISOString()) : [at.slice(0, 10)];
          for (const prefix of param.prefixes) {
            for (const value of values) {
              const found = await search(type, { [param.name]: `${prefix}${value}` });
              expectExactly(
                found,
                withValue,
                (r) => !isMissing(read(r)) && dateMatches(prefix, value, String(read(r))),
                `${what}=${prefix}${value}`,
              );
            }
          }
        } else if (param.type === 'token') {
          expect(sample, `${what}: nothing with a value`).toBeDefined();
          const [first] = tokens(read(sample as R));
          const forms = [
            first?.code ?? '',
            ...(first?.system
              ? [`${first.system}|${first.code}`, `${first.system}|`]
              : param.name === '_id'
                ? []
                : [`|${first?.code ?? ''}`]),
          ];
          for (const value of forms) {
            expectExactly(
              await search(type, { [param.name]: value }),
              all,
              (r) => tokenMatches(read(r), value),
              `${what}=${value}`,
            );
            if (param.modifiers.includes('not')) {
              expectExactly(
                await search(type, { [`${param.name}:not`]: value }),
                all,
                (r) => !tokenMatches(read(r), value),
                `${what}:not=${value}`,
              );
            }
          }
        } else if (param.type === 'reference') {
          expect(sample, `${what}: nothing referring`).toBeDefined();
          const target = String(read(sample as R));
          for (const value of [target, ...(target.split('/').length === 2 ? [target.split('/')[1] ?? ''] : [])]) {
            expectExactly(
              await search(type, { [param.name]: value }),
              all,
              (r) => read(r) === target,
              `${what}=${value}`,
            );
          }
        } else {
          throw new Error(`${what}: type ${param.type} is advertised but not tested`);
        }
        if (param.modifiers.includes('missing')) {
          for (const missing of ['true', 'false']) {
            expectExactly(
              await search(type, { [`${param.name}:missing`]: missing }),
              all,
              (r) => isMissing(read(r)) === (missing === 'true'),
              `${what}:missing=${missing}`,
            );
          }
        }
        for (const modifier of param.modifiers)
          expect(['missing', 'not'], `${what}:${modifier} is advertised but not tested`).toContain(modifier);
      }
    }
    expect(gaps).toEqual([]);
    expect(requests).toBeGreaterThan(200);
  }, 600_000);
});
