import { z } from 'zod';
import { type UrgencyClass, urgencyClasses, urgencyRank } from '../care-guarantee/urgency';
import type { QueueItem } from './queue-item';
import { contactKinds } from './task-conventions';

/** Who is looking at the queue, as skill routing needs to know them. */
export interface QueueViewer {
  id: string;
  roles: readonly string[];
  profession: string;
  languages: readonly string[];
  themes: readonly string[];
}

/** What a professional chooses to narrow her queue to (kept per user in settings). */
export const QueueFilter = z.object({
  urgencies: z.array(z.enum(urgencyClasses)).max(urgencyClasses.length).default([]),
  kinds: z.array(z.enum(contactKinds)).max(contactKinds.length).default([]),
  languages: z.array(z.string().max(20)).max(40).default([]),
  holder: z.enum(['any', 'mine', 'unclaimed']).default('any'),
});
export type QueueFilter = z.infer<typeof QueueFilter>;
export const noQueueFilter: QueueFilter = { urgencies: [], kinds: [], languages: [], holder: 'any' };

/**
 * The fields of a contact that routing reads: the same names in the stored queue keys, the
 * in-memory keys and (through routingKeysOf) a shown QueueItem, so every place asks this rule.
 */
export interface RoutingKeys {
  holderId: string | null;
  profession: string;
  language: string;
  theme: string;
  /** Urgency rank (0 = P0), for rules that look at urgency. */
  rank: number;
  kind: string;
}

export const routingKeysOf = (item: QueueItem): RoutingKeys => ({
  holderId: item.holder?.id ?? null,
  profession: item.profession,
  language: item.resident.language,
  theme: item.theme,
  rank: urgencyRank(item.urgency),
  kind: item.kind,
});

/** P0–P2: shown to every clinician, never hidden by routing or filters. */
export const pinnedUrgentRank = urgencyRank('P2');
export const isPinnedUrgent = (urgency: UrgencyClass): boolean => urgencyRank(urgency) <= pinnedUrgentRank;

/**
 * The one queue rule, for every path that lists the queue (memory, SQLite, tests):
 * - urgent contacts (P0–P2) always pass: a language nobody serves or a filter must never hide
 *   an emergency, and queue order (urgency first) pins them above the routed list;
 * - skill routing (viewer): her profession, a language she serves, her themes (general is
 *   everyone's), and always what she holds; team leads see everything;
 * - her own filters: urgency, kind, language, holder (`me` is who "mine" means).
 * Returns a predicate so a scan of 100,000 keys builds the sets once.
 */
export function routeFor(
  viewer: QueueViewer | null,
  filter: QueueFilter | null = null,
  me: string | null = viewer?.id ?? null,
): (keys: RoutingKeys) => boolean {
  const routed = viewer && !viewer.roles.includes('team_lead') ? viewer : null;
  const languages = new Set(routed?.languages);
  const themes = new Set(routed?.themes);
  const urgencies = new Set(filter?.urgencies.map(urgencyRank));
  const kinds = new Set<string>(filter?.kinds);
  const filterLanguages = new Set(filter?.languages);
  const holder = filter?.holder ?? 'any';
  return (k) => {
    if (k.rank <= pinnedUrgentRank) return true;
    if (routed && k.holderId !== routed.id) {
      if (k.profession !== routed.profession || !languages.has(k.language)) return false;
      if (k.theme !== 'general' && !themes.has(k.theme)) return false;
    }
    if (urgencies.size && !urgencies.has(k.rank)) return false;
    if (kinds.size && !kinds.has(k.kind)) return false;
    if (filterLanguages.size && !filterLanguages.has(k.language)) return false;
    if (holder === 'mine' && (me === null || k.holderId !== me)) return false;
    if (holder === 'unclaimed' && k.holderId !== null) return false;
    return true;
  };
}

/** Whether routing shows this item to this viewer. */
export const matchesProfile = (item: QueueItem, viewer: QueueViewer): boolean => routeFor(viewer)(routingKeysOf(item));
