import { z } from 'zod';

/** GET /sync/changes?after=N&limit=M: what changed after the client's cursor, in commit order. */
export const ChangesQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const Change = z.object({
  seq: z.number().int().positive(),
  type: z.string(),
  id: z.string(),
  versionId: z.string(),
  lastUpdated: z.string(),
  deleted: z.boolean(),
  /** The resource as of this version (absent when deleted). */
  resource: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof Change>;

export const ChangesPage = z.object({
  changes: z.array(Change),
  /** Cursor to ask with next time. */
  next: z.number().int().nonnegative(),
  more: z.boolean(),
  /** The newest sequence on the server, for progress on the first sync. */
  latest: z.number().int().nonnegative(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;

export const idempotencyHeader = 'idempotency-key';

/**
 * GET /sync/scope: the residents whose data the professional may hold whole now (care
 * relationships, stated reasons). The workstation drops what it holds of anyone else and fetches
 * newcomers with GET /sync/residents/:id. `all` for a team lead, who supervises everyone.
 */
export const SyncScope = z.object({ all: z.boolean(), residents: z.array(z.string()) });
export type SyncScope = z.infer<typeof SyncScope>;

/** GET /sync/residents/:id: everything current about one resident that the professional may see. */
export const ResidentSnapshot = z.object({ changes: z.array(Change) });
export type ResidentSnapshot = z.infer<typeof ResidentSnapshot>;
