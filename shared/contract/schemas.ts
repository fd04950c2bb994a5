import { QueueFilter, noQueueFilter } from '../queue/routing';
import { professions } from '../queue/task-conventions';
import { z } from 'zod';

export const languages = ['fi', 'sv', 'en'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const Role = z.enum(['nurse', 'doctor', 'social_worker', 'team_lead', 'admin']);
export type Role = z.infer<typeof Role>;

export const QueueFilters = QueueFilter.extend({
  /** Show only items matching the user's own skills (the default for professionals); urgent ones always show. */
  mineOnly: z.boolean(),
});

const RailWidth = z.number().int().min(160).max(2000);

export const Settings = z.object({
  language: Language,
  theme: Theme,
  queueFilters: QueueFilters,
  /**
   * A chime and a desktop notification when an urgent (P0–P2) contact arrives are always on;
   * the user can only mute them for her shift (until this time).
   */
  alertsMutedUntil: z.iso.datetime().nullable(),
  /** Desktop notifications (for urgent contacts) only after the user switches them on. */
  desktopNotifications: z.boolean(),
  /** The queue rail's width beside an opened contact, as the user last dragged it (CSS px); null: the default. */
  railWidth: RailWidth.nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = {
  language: 'fi',
  theme: 'system',
  queueFilters: { mineOnly: true, ...noQueueFilter },
  alertsMutedUntil: null,
  desktopNotifications: false,
  railWidth: null,
};

export const SettingsPatch = z
  .object({
    language: Language,
    theme: Theme,
    queueFilters: QueueFilters,
    alertsMutedUntil: z.iso.datetime().nullable(),
    desktopNotifications: z.boolean(),
    railWidth: RailWidth.nullable(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  profession: z.string(),
  languages: z.array(z.string()),
  /** Skill themes for queue routing (mental-health, child-family, elderly, long-term-illness). */
  themes: z.array(z.string()),
});
export type User = z.infer<typeof User>;

export const SessionState = z.object({
  user: User.nullable(),
  /**
   * What the sign-in screen tells: the local cache was moved aside; the session ended (or reached
   * its maximum length); this device must be enrolled with a code from the administrator (or the
   * code given was not valid); the administrator revoked this device and its cache was erased;
   * too many failed sign-ins locked the account for a while.
   */
  notice: z
    .enum([
      'cache_recovered',
      'session_ended',
      'session_expired',
      'enrollment_required',
      'enrollment_code_invalid',
      'device_revoked',
      'sign_in_locked',
    ])
    .nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const ConnectionState = z.enum(['online', 'offline', 'syncing', 'error']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const ConnectionStatus = z.object({
  state: ConnectionState,
  since: z.string().datetime(),
  lastSyncAt: z.string().datetime().nullable(),
  /** Local changes not yet accepted by the regional backend. */
  pending: z.number().int().nonnegative(),
  /** Local changes the backend refused, waiting for the user's decision. */
  conflicts: z.number().int().nonnegative(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  backendUrl: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SyncProgress = z.object({
  /** Changes received in this pull, and the newest sequence the server has. */
  received: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
  latest: z.number().int().nonnegative(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** A local change the backend refused; kept with both versions until the user decides. */
export const SyncConflict = z.object({
  id: z.number().int(),
  resourceType: z.string(),
  resourceId: z.string(),
  createdAt: z.string(),
  /** 412: someone else changed it first; 400/403/404: the backend refused the change itself. */
  httpStatus: z.number().int().nullable(),
  reason: z.string().nullable(),
  mine: z.record(z.string(), z.unknown()),
  theirs: z.record(z.string(), z.unknown()).nullable(),
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const Colleague = z.object({ id: z.string(), name: z.string(), profession: z.enum(professions).nullable() });
export type Colleague = z.infer<typeof Colleague>;

/** Which form's typed text, and about what: `cosign-note:<draft id>`, `template:<id>`… */
export const KeptKey = z.string().regex(/^[a-z][a-z-]{1,30}:[A-Za-z0-9\-.:]{1,100}$/);
export type KeptKey = z.infer<typeof KeptKey>;
