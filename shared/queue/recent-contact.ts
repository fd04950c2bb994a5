import { z } from 'zod';
import { QueueItem } from './queue-item';

/** How far back "Recent contacts" reaches. */
export const recentContactDays = 30;

/** A contact she held or documented lately, open or closed, with when she last touched it. */
export const RecentContact = QueueItem.extend({
  /** Her last touch: the contact's last change or her latest draft of it (ISO). */
  at: z.string(),
  /** When her record of it was signed (ISO); null when not signed. */
  signedAt: z.string().nullable(),
});
export type RecentContact = z.infer<typeof RecentContact>;

/** Whether the typed text matches the resident's name or the reason, case and accents aside. */
export function matchesRecent(item: Pick<RecentContact, 'resident' | 'reason'>, text: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fi');
  const words = fold(text).split(/\s+/).filter(Boolean);
  const hay = fold(`${item.resident.name} ${item.reason}`);
  return words.every((w) => hay.includes(w));
}
