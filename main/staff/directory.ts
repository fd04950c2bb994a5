import type { Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { professions, systems, type Profession } from '../../shared/queue/task-conventions';
import type { ReadableDb } from '../cache/db';
import { readAllOfType } from '../cache/resources';

export interface Colleague {
  id: string;
  name: string;
  profession: Profession | null;
}

/** The staff directory as synced into the cache: the care professionals a contact can go to (not IT administrators). */
export function colleagues(db: ReadableDb): Colleague[] {
  const roles = new Map<string, Profession>();
  for (const role of readAllOfType<PractitionerRole>(db, 'PractitionerRole')) {
    const code = role.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === systems.profession)?.code;
    const id = role.practitioner?.reference?.replace(/^Practitioner\//, '');
    if (id && code && (professions as readonly string[]).includes(code)) roles.set(id, code as Profession);
  }
  const people = readAllOfType<Practitioner>(db, 'Practitioner').map((p) => {
    const n = p.name?.[0];
    return {
      id: p.id ?? '',
      name: [...(n?.given ?? []), n?.family ?? ''].join(' ').trim(),
      profession: roles.get(p.id ?? '') ?? null,
    };
  });
  // Only care professionals hold contacts (not IT administrators).
  return people.filter((c) => c.profession !== null).sort((a, b) => a.name.localeCompare(b.name, 'fi'));
}
