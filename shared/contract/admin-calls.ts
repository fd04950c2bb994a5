import { z } from 'zod';
import { DeviceSummary, EnrollmentCode, SecurityNotice } from '../protocol/devices';

const empty = z.object({}).strict();
const id = z.string().min(1).max(100);

/** The administrator's security desk (admin role only; the backend checks it too). */
export const adminCalls = {
  /** Every enrolled device with its users, version and last contact; and the accounts locked by failed sign-ins. */
  'admin.devices': {
    input: empty,
    output: z.object({ devices: z.array(DeviceSummary), notices: z.array(SecurityNotice) }),
  },
  /** A one-time code for setting up one workstation. */
  'admin.createEnrollmentCode': { input: empty, output: EnrollmentCode },
  /** The device's sessions end; at its next contact it erases its cache and signs out. */
  'admin.revokeDevice': { input: z.object({ deviceId: id }).strict(), output: z.object({ revoked: z.boolean() }) },
  'admin.unlockAccount': { input: z.object({ staffId: id }).strict(), output: z.object({ unlocked: z.boolean() }) },
} as const;
