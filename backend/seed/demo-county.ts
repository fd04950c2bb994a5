import { Faker, en, fi, sv } from '@faker-js/faker';
import type { Binary, Media, Organization, Patient, Practitioner, PractitionerRole, Task } from '@medplum/fhirtypes';
import type { Db } from '../db/db';
import { ResourceStore } from '../fhir/store';
import { contactKinds, newQueueTask, type ContactKind } from '../../shared/queue/task-conventions';
import { type FocusResource, focusFor } from './demo-focus';
import { demoPhotoPool, photoCase, poolKey } from './demo-photos';
import { demoStaff } from './demo-staff';

/** First words of synthetic contacts, in Finnish as residents mostly write. */
const reasons: Record<ContactKind, string[]> = {
  chat: ['Kurkku kipeä kolme päivää', 'Kysyisin reseptin uusimisesta', 'Ihottumaa käsivarsissa'],
  video: ['Toivon videovastaanottoa verenpaineen seurannasta', 'Lapsen korvakipu, toivon videoaikaa'],
  'self-assessment': ['Oirearvio: hengitystieinfektio', 'Oirearvio: virtsatieinfektion oireet', 'Oirearvio: mieliala'],
  callback: ['Pyydän soittoa laboratoriotuloksista', 'Soittopyyntö: huimausta aamuisin'],
  photo: ['Kuva haavasta sääressä', 'Kuva luomesta selässä'],
  measurement: ['Verenpaineen kotimittaukset viikolta', 'Verensokeriarvot paaston jälkeen'],
  consultation: ['Konsultaatio: lääkityksen tarkistus', 'Konsultaatio: lähetteen tarve'],
};

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
    const practitioner: Practitioner = {
      resourceType: 'Practitioner',
      id: s.id,
      name: [{ given: [given ?? ''], family: family ?? '' }],
      communication: s.languages.map((l) => ({ coding: [{ system: 'urn:ietf:bcp:47', code: l }] })),
    };
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
export function generateCounty(options: CountyOptions): {
  patients: Patient[];
  tasks: Task[];
  related: FocusResource[];
} {
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
      communication: [
        { language: { coding: [{ system: 'urn:ietf:bcp:47', code: speaksSwedish ? 'sv' : 'fi' }] }, preferred: true },
      ],
      managingOrganization: { reference: `Organization/${organization.id}` },
    });
  }
  const f = finnish;
  const tasks: Task[] = [];
  const related: FocusResource[] = [];
  for (let i = 0; i < options.contacts; i += 1) {
    const patient = f.helpers.arrayElement(patients);
    // Most contacts are history; the open ones arrived during the last working hours.
    const open = f.number.float() < 0.05;
    const authored = new Date(now.getTime() - f.number.int({ min: 60, max: open ? 10 * 3600 : 30 * 24 * 3600 }) * 1000);
    const kind = f.helpers.arrayElement(contactKinds);
    const task = newQueueTask({
      id: `contact-${String(i + 1).padStart(6, '0')}`,
      kind,
      urgency: f.helpers.weightedArrayElement([
        { weight: 1, value: 'P1' as const },
        { weight: 3, value: 'P2' as const },
        { weight: 6, value: 'P3' as const },
        { weight: 10, value: 'P4' as const },
        { weight: 12, value: 'P5' as const },
        { weight: 8, value: 'P6' as const },
        { weight: 3, value: 'P7' as const },
      ]),
      patientId: patient.id ?? '',
      authoredOn: authored.toISOString(),
      description: f.helpers.arrayElement(reasons[kind]),
      profession: f.helpers.weightedArrayElement([
        { weight: 8, value: 'nurse' as const },
        { weight: 2, value: 'doctor' as const },
        { weight: 1, value: 'social_worker' as const },
      ]),
      theme: f.helpers.weightedArrayElement([
        { weight: 10, value: 'general' as const },
        { weight: 2, value: 'mental-health' as const },
        { weight: 2, value: 'long-term-illness' as const },
        { weight: 1, value: 'elderly' as const },
        { weight: 1, value: 'child-family' as const },
      ]),
    });
    // A finished contact was held by someone of its profession, ideally speaking the resident's language: that is
    // what gives the demo's professionals their care relationships (docs/SECURITY.md).
    const language = patient.communication?.[0]?.language.coding?.[0]?.code ?? 'fi';
    const profession = task.performerType?.[0]?.coding?.[0]?.code;
    const able = demoStaff.filter((s) => s.profession === profession && s.roles.some((r) => r !== 'admin'));
    const holder = f.helpers.arrayElement(
      able.filter((s) => s.languages.includes(language)).length > 0
        ? able.filter((s) => s.languages.includes(language))
        : able,
    );
    const finished = new Date(authored.getTime() + f.number.int({ min: 5, max: 120 }) * 60_000).toISOString();
    const stored: Task = open
      ? task
      : {
          ...task,
          status: 'completed',
          lastModified: finished,
          ...(holder ? { owner: { reference: `Practitioner/${holder.id}`, display: holder.displayName } } : {}),
        };
    const about = focusFor(f, kind, stored, i);
    const focus = about.find((r) => r.resourceType !== 'Consent' && r.resourceType !== 'Composition');
    tasks.push(focus ? { ...stored, focus: { reference: `${focus.resourceType}/${focus.id}` } } : stored);
    related.push(...about);
  }
  return { patients, tasks, related };
}

/**
 * Gives every seeded photo its synthetic picture: the Media gets the pool photo's Binaries
 * (original, review size, thumbnail), and each Binary is stored once however many Media show it.
 */
export async function withPictures<T extends { related: FocusResource[] }>(
  county: T,
  seed: number,
): Promise<Omit<T, 'related'> & { related: (FocusResource | Binary)[] }> {
  const cases = new Map<string, string>();
  for (const r of county.related) {
    if (r.resourceType !== 'Media') continue;
    const { lesion, tone } = photoCase(r.content.title ?? '', r.subject?.reference?.slice(8) ?? '');
    cases.set(r.id ?? '', poolKey(lesion, tone, r.id?.endsWith('-before') ? 0 : 1));
  }
  const pool = await demoPhotoPool(seed, cases.values());
  const binaries = new Map<string, Binary>();
  const related = county.related.map((r) => {
    const photo = r.resourceType === 'Media' ? pool.get(cases.get(r.id ?? '') ?? '') : undefined;
    if (r.resourceType !== 'Media' || !photo) return r;
    for (const b of photo.binaries) binaries.set(b.id ?? '', b);
    return { ...r, ...photo.media, content: { ...photo.media.content, title: r.content.title } } satisfies Media;
  });
  return { ...county, related: [...binaries.values(), ...related] };
}

/** Seeds the county once: a second run changes nothing. */
export async function seedCounty(db: Db, options: CountyOptions): Promise<number> {
  const store = new ResourceStore(db);
  const existing = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM resource_current WHERE type = 'Organization' AND id = $1",
    [organization.id],
  );
  if ((existing[0]?.n ?? 0) > 0) return 0;
  const { patients, tasks, related } = await withPictures(generateCounty(options), options.seed);
  const all = [organization, ...staffResources(), ...patients, ...related, ...tasks];
  // In chunks, each one transaction, so a large county does not hold one huge transaction.
  for (let at = 0; at < all.length; at += 1000) {
    await store.write((tx) => store.importNew(tx, all.slice(at, at + 1000)));
  }
  return all.length;
}
