import type { AccessScope, Viewer } from '../../shared/access/care-access';
import { careRelationshipDays } from '../../shared/access/care-access';
import type { Role } from '../../shared/contract/schemas';
import { openStatuses } from '../../shared/queue/task-conventions';
import type { Queryable } from '../db/db';

export interface Caller {
  sub: string;
  roles: readonly Role[];
}

/**
 * The viewer's scope for one request: her skills from the staff directory, the residents she has a
 * care relationship with, her stated-reason grants in force, and which languages each profession
 * serves. Read fresh per request (three indexed queries), so a relationship or grant that ends is
 * out of scope at the very next request.
 */
export async function loadScope(q: Queryable, caller: Caller): Promise<AccessScope> {
  const staff = await q.query<{ profession: string; languages: string[]; themes: string[] }>(
    'SELECT profession, languages, themes FROM staff WHERE id = $1 AND active',
    [caller.sub],
  );
  const me = staff[0];
  const viewer: Viewer = {
    id: caller.sub,
    roles: me ? caller.roles : [],
    profession: me?.profession ?? '',
    languages: me?.languages ?? [],
    themes: me?.themes ?? [],
  };
  const [relationships, grants, served] = await Promise.all([
    q.query<{ patient_id: string }>(
      `SELECT patient_id FROM care_relationship WHERE staff_id = $1 AND last_at > now() - make_interval(days => $2)
       UNION SELECT patient_id FROM resource_current WHERE type = 'Task' AND NOT deleted AND body->'owner'->>'reference' = $3 AND patient_id IS NOT NULL
         AND body->>'status' = ANY($4)`,
      [caller.sub, careRelationshipDays, `Practitioner/${caller.sub}`, openStatuses],
    ),
    q.query<{ patient_id: string }>(
      'SELECT DISTINCT patient_id FROM access_grant WHERE staff_id = $1 AND expires_at > now()',
      [caller.sub],
    ),
    q.query<{ profession: string; language: string }>(
      'SELECT DISTINCT profession, unnest(languages) AS language FROM staff WHERE active',
    ),
  ]);
  const servedLanguages = new Map<string, Set<string>>();
  for (const row of served) {
    const set = servedLanguages.get(row.profession) ?? new Set<string>();
    set.add(row.language);
    servedLanguages.set(row.profession, set);
  }
  return {
    viewer,
    relationships: new Set(relationships.map((r) => r.patient_id)),
    grants: new Set(grants.map((r) => r.patient_id)),
    servedLanguages,
  };
}
