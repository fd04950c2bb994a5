import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { listConflicts, resolveConflict } from './conflicts';

/** Changes the backend refused, and the user's decision on each. */
export function syncHandlers(ctx: MainContext): Pick<Handlers, 'sync.conflicts' | 'sync.resolveConflict'> {
  return {
    'sync.conflicts': () => listConflicts(ctx.signedIn().db),
    'sync.resolveConflict': ({ id, keep }) => {
      const { db } = ctx.signedIn();
      resolveConflict(db, id, keep);
      ctx.kick();
      ctx.connection.report(ctx.connection.status().state);
      return listConflicts(db);
    },
  };
}
