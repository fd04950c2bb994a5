import type { Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { professions, systems, type Profession } from '../../shared/queue/task-conventions';

export interface Colleague {
  id: string;
  name: string;
  profession: Profession | null;
}

/** The staff directory as synced into the cache: who a contact can be transferred to. */
export function colleagues(db: Database.Database): Colleague[] {
  const roles = new Map<string, Profession>();
  for (const row of db.prepare("SELECT body FROM resource WHERE type = 'PractitionerRole'").all() as { body: string }[]) {
    const role = JSON.parse(row.body) as PractitionerRole;
    const code = role.code?.flatMap((c) => c.coding ?? []).find((c) => c.system === systems.profession)?.code;
    const id = role.practitioner?.reference?.replace(/^Practitioner\//, '');
    if (id && code && (professions as readonly string[]).includes(code)) roles.set(id, code as Profession);
  }
  const people = (db.prepare("SELECT body FROM resource WHERE type = 'Practitioner'").all() as { body: string }[]).map((row) => {
    const p = JSON.parse(row.body) as Practitioner;
    const n = p.name?.[0];
    return { id: p.id ?? '', name: [...(n?.given ?? []), n?.family ?? ''].join(' ').trim(), profession: roles.get(p.id ?? '') ?? null };
  });
  // Only care professionals hold contacts (not IT administrators).
  return people.filter((c) => c.profession !== null).sort((a, b) => a.name.localeCompare(b.name, 'fi'));
}
