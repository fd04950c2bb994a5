import type { Basic, PractitionerRole } from '@medplum/fhirtypes';
import type Database from 'better-sqlite3';
import { ContractError, type User } from '../../shared/contract';
import { type ChatTemplate, readTemplate, templateResource } from '../../shared/chat/templates';
import { localVersion, writeLocal } from '../sync/local-store';

/** The organisation a professional works for, from their PractitionerRole in the synced directory. */
export function organisationOf(db: Database.Database, staffId: string): string {
  const row = db.prepare("SELECT body FROM resource WHERE type = 'PractitionerRole' AND json_extract(body, '$.practitioner.reference') = ?").get(`Practitioner/${staffId}`) as { body: string } | undefined;
  const ref = row ? (JSON.parse(row.body) as PractitionerRole).organization?.reference : undefined;
  return ref?.replace(/^Organization\//, '') ?? '';
}

/** The organisation's templates from the cache, in the order they were made. */
export function listTemplates(db: Database.Database, organisation: string): ChatTemplate[] {
  const rows = db.prepare("SELECT body FROM resource WHERE type = 'Basic' ORDER BY seq = 0, seq, id").all() as { body: string }[];
  return rows.map((r) => readTemplate(JSON.parse(r.body) as Basic)).filter((t): t is ChatTemplate => t?.organisation === organisation);
}

export const mayMaintainTemplates = (user: User): boolean => user.roles.includes('team_lead') || user.roles.includes('admin');

/** A new or changed template, through the outbox like every write (the backend checks the role again). */
export function saveTemplate(db: Database.Database, user: User, template: Omit<ChatTemplate, 'organisation'>): void {
  if (!mayMaintainTemplates(user)) throw new ContractError('forbidden', 'Templates are maintained by team leads.');
  const organisation = organisationOf(db, user.id);
  if (!organisation) throw new ContractError('not_found', 'Your organisation is not in the synced directory yet.');
  const resource = templateResource({ ...template, organisation });
  const baseVersion = localVersion(db, 'Basic', resource.id);
  writeLocal(db, { resource, ...(baseVersion ? { baseVersion } : {}) });
}
