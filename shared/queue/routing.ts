import { urgencyRank } from '../care-guarantee/urgency';
import type { QueueItem } from './queue-item';

/** Who is looking at the queue, as skill routing needs to know them. */
export interface QueueViewer {
  id: string;
  roles: readonly string[];
  profession: string;
  languages: readonly string[];
  themes: readonly string[];
}

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
}

export const routingKeysOf = (item: QueueItem): RoutingKeys => ({
  holderId: item.holder?.id ?? null,
  profession: item.profession,
  language: item.resident.language,
  theme: item.theme,
  rank: urgencyRank(item.urgency),
});

/**
 * Skill routing, the one rule: by default a professional sees contacts for their profession, in
 * a language they serve, and in their themes (general is everyone's); always those they hold.
 * Team leads see everything. Returns a predicate so a scan of 100,000 keys builds the viewer's
 * sets once.
 */
export function routeFor(viewer: QueueViewer): (keys: RoutingKeys) => boolean {
  if (viewer.roles.includes('team_lead')) return () => true;
  const languages = new Set(viewer.languages);
  const themes = new Set(viewer.themes);
  return (k) =>
    k.holderId === viewer.id || (k.profession === viewer.profession && languages.has(k.language) && (k.theme === 'general' || themes.has(k.theme)));
}

/** Whether routing shows this item to this viewer. */
export const matchesProfile = (item: QueueItem, viewer: QueueViewer): boolean => routeFor(viewer)(routingKeysOf(item));
