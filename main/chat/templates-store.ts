import type { Basic, PractitionerRole } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { ContractError, type User } from '../../shared/contract';
import { type ChatTemplate, readTemplate, templateResource } from '../../shared/chat/templates';
import { writeLocal } from '../cache/outbox';
import { cachedVersion, readAllOfType } from '../cache/resources';

/** The organisation a professional works for, from their PractitionerRole in the synced directory. */
export function organisationOf(db: WritableDb, staffId: string): string {
  const ref = readAllOfType<PractitionerRole>(db, 'PractitionerRole').find(
    (r) => r.practitioner?.reference === `Practitioner/${staffId}`,
  )?.organization?.reference;
  return ref?.replace(/^Organization\//, '') ?? '';
}

/** The organisation's templates from the cache, in the order they were made. */
export function listTemplates(db: WritableDb, organisation: string): ChatTemplate[] {
  return readAllOfType<Basic>(db, 'Basic')
    .map(readTemplate)
    .filter((t): t is ChatTemplate => t?.organisation === organisation);
}

/** The templates offered when writing to a resident: the organisation's, less the retired. */
export function offeredTemplates(db: WritableDb, organisation: string): ChatTemplate[] {
  return listTemplates(db, organisation).filter((t) => !t.retired);
}

export const mayMaintainTemplates = (user: User): boolean =>
  user.roles.includes('team_lead') || user.roles.includes('admin');

/** A new or changed template, through the outbox like every write (the backend checks the role again). */
export function saveTemplate(db: WritableDb, user: User, template: Omit<ChatTemplate, 'organisation'>): void {
  if (!mayMaintainTemplates(user)) throw new ContractError('forbidden', 'Templates are maintained by team leads.');
  const organisation = organisationOf(db, user.id);
  if (!organisation) throw new ContractError('not_found', 'Your organisation is not in the synced directory yet.');
  // Editing the words does not bring a retired template back.
  const retired = template.retired ?? listTemplates(db, organisation).find((t) => t.id === template.id)?.retired;
  const resource = templateResource({ ...template, organisation, ...(retired ? { retired } : {}) });
  const baseVersion = cachedVersion(db, 'Basic', resource.id);
  writeLocal(db, { resource, ...(baseVersion ? { baseVersion } : {}) });
}

/** Retires a template or brings it back: a new version of the same resource, never a deletion. */
export function retireTemplate(db: WritableDb, user: User, id: string, retired: boolean): void {
  const current = listTemplates(db, organisationOf(db, user.id)).find((t) => t.id === id);
  if (!current) throw new ContractError('not_found', 'No such template.');
  saveTemplate(db, user, { id, text: current.text, retired });
}
