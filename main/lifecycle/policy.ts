import { z } from 'zod';

/**
 * The organisation's rules for a workstation's session and cache (docs/SECURITY.md), in the
 * machine policy file's `session` (main/policy/machine-policy.ts). The browser host (development,
 * tests) may override them from its environment (`KAARI_*` below; tests set them short); the
 * desktop app never takes them from a user's environment.
 */
export const SecurityPolicy = z.object({
  /** Locks after this long without a key press or pointer use (not during a video call). */
  idleLockMinutes: z
    .number()
    .positive()
    .max(24 * 60)
    .default(10),
  /** Locks when the backend has not been reached for this long, until it is reached again. */
  maxOfflineHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(72),
  /** A user's cache nobody opened for this long is removed from the workstation. */
  purgeAfterDays: z.number().positive().max(3650).default(30),
  /** Cached photos beyond this are pruned, least recently viewed first, and fetched again when opened. */
  photoCacheMb: z.number().positive().max(100_000).default(500),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

const fromEnv = {
  idleLockMinutes: 'KAARI_IDLE_LOCK_MINUTES',
  maxOfflineHours: 'KAARI_MAX_OFFLINE_HOURS',
  purgeAfterDays: 'KAARI_PURGE_AFTER_DAYS',
  photoCacheMb: 'KAARI_PHOTO_CACHE_MB',
} as const;

/** `base` (the machine policy's) with the environment's values over it; a value that is not a positive number is refused, not ignored. */
export function policyFromEnv(env: NodeJS.ProcessEnv, base: Partial<SecurityPolicy> = {}): SecurityPolicy {
  const raw: Record<string, number> = { ...base };
  for (const [field, name] of Object.entries(fromEnv)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[field] = Number(value);
  }
  return SecurityPolicy.parse(raw);
}
