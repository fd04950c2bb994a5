import { residentIdOf, toQueueItem } from '../../shared/queue/queue-item';
import { matchesRecent, recentContactDays } from '../../shared/queue/recent-contact';
import { recentContacts } from '../cache/recent-contacts';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { readPatient } from '../queue/queue-index';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * "Recent contacts": what she held or documented in the last 30 days, from her own cache (which
 * holds only residents in her care). Opening one reads the resident through resident.context,
 * which logs the access; this list shows only what the queue shows.
 */
export function recentHandlers(ctx: MainContext, now: () => number = Date.now): Pick<Handlers, 'contacts.recent'> {
  return {
    'contacts.recent': ({ text, limit }) => {
      const { db, user } = ctx.signedIn();
      const since = new Date(now() - recentContactDays * dayMs).toISOString();
      const items = recentContacts(db, user.id, since, limit).map((row) => ({
        ...toQueueItem(row.task, readPatient(db, residentIdOf(row.task))),
        at: row.at,
        signedAt: row.signedAt,
      }));
      return { items: text.trim() ? items.filter((item) => matchesRecent(item, text)) : items };
    },
  };
}
