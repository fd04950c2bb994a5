import { chatTemplates, templateResource } from '../../shared/chat/templates';
import type { Db } from '../db/db';
import { ResourceStore } from '../fhir/store';

/** The demo county's starting chat templates, added once; team leads maintain them from then on. */
export async function seedTemplates(db: Db): Promise<number> {
  const store = new ResourceStore(db);
  const wanted = chatTemplates.map(templateResource);
  const existing = new Set(
    (await db.query<{ id: string }>("SELECT id FROM resource_current WHERE type = 'Basic'")).map((r) => r.id),
  );
  const missing = wanted.filter((t) => !existing.has(t.id));
  if (missing.length > 0) await store.write((tx) => store.importNew(tx, missing));
  return missing.length;
}
