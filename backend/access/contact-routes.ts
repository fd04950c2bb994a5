import type { Patient, Task } from '@medplum/fhirtypes';
import { type ContactRoute, contactRoute, preferredLanguage } from '../../shared/access/care-access';
import { residentIdOf } from '../../shared/queue/queue-item';
import { taskLanguage } from '../../shared/queue/task-conventions';
import type { Queryable } from '../db/db';

/**
 * Contacts' routes as the queue reads them: a contact that names no language is in its resident's
 * preferred one, looked up here in one query for all of them.
 */
export async function contactRoutes(q: Queryable, tasks: readonly Task[]): Promise<Map<Task, ContactRoute>> {
  const unnamed = [
    ...new Set(
      tasks
        .filter((t) => !taskLanguage(t))
        .map(residentIdOf)
        .filter((id) => id),
    ),
  ];
  const languages = new Map<string, string | undefined>();
  if (unnamed.length > 0) {
    const rows = await q.query<{ id: string; communication: Patient['communication'] | null }>(
      "SELECT id, body->'communication' AS communication FROM resource_current WHERE type = 'Patient' AND id = ANY($1)",
      [unnamed],
    );
    for (const r of rows) languages.set(r.id, preferredLanguage({ communication: r.communication ?? undefined }));
  }
  return new Map(tasks.map((t) => [t, contactRoute(t, languages.get(residentIdOf(t)))]));
}

export async function routeOf(q: Queryable, task: Task): Promise<ContactRoute> {
  return (await contactRoutes(q, [task])).get(task) ?? contactRoute(task);
}
