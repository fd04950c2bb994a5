import type { Role } from '../contract/schemas';
import { type ResourceType, patientDataTypes } from './resource-types';

export interface Access {
  read: readonly ResourceType[];
  write: readonly ResourceType[];
}

const directory: ResourceType[] = ['Practitioner', 'PractitionerRole', 'Organization'];
/** The organisation's shared working material (chat templates): everyone reads, leads maintain. */
const material: ResourceType[] = ['Basic'];
const care: Access = { read: [...patientDataTypes, ...directory, ...material], write: patientDataTypes };

/**
 * Least privilege by role. Care staff work with residents' data; the team lead also reads the
 * access log and maintains the organisation's chat templates; the administrator manages the
 * staff directory and templates and reads the access log but never patient data. AuditEvents are written only by the backend itself.
 */
export const accessPolicy: Record<Role, Access> = {
  nurse: care,
  doctor: care,
  social_worker: care,
  team_lead: { read: [...care.read, 'AuditEvent'], write: [...care.write, ...material] },
  admin: { read: [...directory, ...material, 'AuditEvent'], write: [...directory, ...material] },
};

export const canRead = (roles: readonly Role[], type: ResourceType): boolean =>
  roles.some((r) => accessPolicy[r].read.includes(type));
export const canWrite = (roles: readonly Role[], type: ResourceType): boolean =>
  roles.some((r) => accessPolicy[r].write.includes(type));
export const readableTypes = (roles: readonly Role[]): ResourceType[] => [
  ...new Set(roles.flatMap((r) => accessPolicy[r].read)),
];
