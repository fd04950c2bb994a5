import { Faker, en, fi, sv } from '@faker-js/faker';
import type { Organization, Patient, Practitioner, PractitionerRole, Task } from '@medplum/fhirtypes';
import type { Db } from '../db/db';
import { ResourceStore } from '../fhir/store';
import { demoStaff } from './demo-staff';

/** Identifiers in a system that says what they are: never a real henkilötunnus. */
export const syntheticIdSystem = 'urn:kaari:synthetic-resident';

export interface CountyOptions {
  seed: number;
  residents: number;
  /** Contacts (queue items) across the last 30 days; a share still open. */
  contacts: number;
  now?: Date;
}

const organization: Organization = {
  resourceType: 'Organization',
  id: 'org-demo-county',
  name: 'Demohyvinvointialue (synteettinen)',
  alias: ['Demo välfärdsområde'],
  type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'govt' }] }],
};

function staffResources(): (Practitioner | PractitionerRole)[] {
  return demoStaff.flatMap((s) => {
    const [given, family] = s.displayName.split(' ');
    const practitioner: Practitioner = { resourceType: 'Practitioner', id: s.id, name: [{ given: [given ?? ''], family: family ?? '' }], communication: s.languages.map((l) => ({ coding: [{ system: 'urn:ietf:bcp:47', code: l }] })) };
    const role: PractitionerRole = {
      resourceType: 'PractitionerRole',
      id: `role-${s.id}`,
      practitioner: { reference: `Practitioner/${s.id}` },
      organization: { reference: `Organization/${organization.id}` },
      code: [{ coding: [{ system: 'urn:kaari:profession', code: s.profession }] }],
    };
    return [practitioner, role];
  });
}

/**
 * A deterministic synthetic county from a seed: residents with Finnish- and Swedish-style names and
 * clearly synthetic identifiers, and contacts of the last 30 days. Same seed, same county.
 */
export function generateCounty(options: CountyOptions): { patients: Patient[]; tasks: Task[] } {
  const now = options.now ?? new Date();
  const finnish = new Faker({ locale: [fi, en], seed: options.seed });
  const swedish = new Faker({ locale: [sv, en], seed: options.seed + 1 });
  const patients: Patient[] = [];
  for (let i = 0; i < options.residents; i += 1) {
    const speaksSwedish = finnish.number.float() < 0.06;
    const f = speaksSwedish ? swedish : finnish;
    const sex = f.helpers.arrayElement(['female', 'male'] as const);
    const birth = f.date.birthdate({ mode: 'age', min: 0, max: 98, refDate: now });
    patients.push({
      resourceType: 'Patient',
      id: `resident-${String(i + 1).padStart(5, '0')}`,
      identifier: [{ system: syntheticIdSystem, value: `SYN-${String(i + 1).padStart(6, '0')}` }],
      name: [{ family: f.person.lastName(), given: [f.person.firstName(sex)] }],
      gender: sex,
      birthDate: birth.toISOString().slice(0, 10),
      communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: speaksSwedish ? 'sv' : 'fi' }] }, preferred: true }],
      managingOrganization: { reference: `Organization/${organization.id}` },
    });
  }
  const kinds = ['chat', 'video', 'self-assessment', 'callback', 'photo', 'measurement', 'consultation'];
  const tasks: Task[] = [];
  for (let i = 0; i < options.contacts; i += 1) {
    const patient = finnish.helpers.arrayElement(patients);
    const authored = new Date(now.getTime() - finnish.number.int({ min: 0, max: 30 * 24 * 3600 }) * 1000);
    const open = authored.getTime() > now.getTime() - 2 * 24 * 3600 * 1000 && finnish.number.float() < 0.7;
    tasks.push({
      resourceType: 'Task',
      id: `contact-${String(i + 1).padStart(6, '0')}`,
      status: open ? 'requested' : 'completed',
      intent: 'order',
      priority: finnish.helpers.weightedArrayElement([{ weight: 1, value: 'stat' as const }, { weight: 3, value: 'urgent' as const }, { weight: 12, value: 'routine' as const }]),
      code: { coding: [{ system: 'urn:kaari:contact-kind', code: finnish.helpers.arrayElement(kinds) }] },
      for: { reference: `Patient/${patient.id}` },
      authoredOn: authored.toISOString(),
      description: 'Synteettinen yhteydenotto',
    });
  }
  return { patients, tasks };
}

/** Seeds the county once: a second run changes nothing. */
export async function seedCounty(db: Db, options: CountyOptions): Promise<number> {
  const store = new ResourceStore(db);
  const existing = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM resource_current WHERE type = 'Organization' AND id = $1", [organization.id]);
  if ((existing[0]?.n ?? 0) > 0) return 0;
  const { patients, tasks } = generateCounty(options);
  const all = [organization, ...staffResources(), ...patients, ...tasks];
  // In chunks, each one transaction, so a large county does not hold one huge transaction.
  for (let at = 0; at < all.length; at += 1000) {
    await store.write((tx) => store.importNew(tx, all.slice(at, at + 1000)));
  }
  return all.length;
}
