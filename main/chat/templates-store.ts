import type { Basic, PractitionerRole } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { ContractError, type User } from '../../shared/contract';
import { type ChatTemplate, readTemplate, templateResource } from '../../shared/chat/templates';
import { writeLocal } from '../cache/outbox';
import { cachedVersion, readAllOfType } from '../cache/resources';

/** The organisation a professional works for, from their PractitionerRole in the synced directory. */
export function organisationOf(db: WritableDb, staffId: string): string {
  const ref = readAllOfType<PractitionerRole>(db, 'PractitionerRole').find((r) => r.practitioner?.reference === `Practitioner/${staffId}`)?.organization?.reference;
  return ref?.replace(/^Organization\//, '') ?? '';
}

/** The organisation's templates from the cache, in the order they were made. */
export function listTemplates(db: WritableDb, organisation: string): ChatTemplate[] {
  return readAllOfType<Basic>(db, 'Basic')
    .map(readTemplate).filter((t): t is ChatTemplate => t?.organisation === organisation);
}

export const mayMaintainTemplates = (user: User): boolean => user.roles.includes('team_lead') || user.roles.includes('admin');

/** A new or changed template, through the outbox like every write (the backend checks the role again). */
export function saveTemplate(db: WritableDb, user: User, template: Omit<ChatTemplate, 'organisation'>): void {
  if (!mayMaintainTemplates(user)) throw new ContractError('forbidden', 'Templates are maintained by team leads.');
  const organisation = organisationOf(db, user.id);
  if (!organisation) throw new ContractError('not_found', 'Your organisation is not in the synced directory yet.');
  const resource = templateResource({ ...template, organisation });
  const baseVersion = cachedVersion(db, 'Basic', resource.id);
  writeLocal(db, { resource, ...(baseVersion ? { baseVersion } : {}) });
}
