import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { colleagues } from './directory';

/** The staff directory as synced into the cache: whom a contact can be transferred to or a co-signature asked of. */
export function staffHandlers(ctx: MainContext): Pick<Handlers, 'staff.colleagues'> {
  return {
    'staff.colleagues': () => colleagues(ctx.signedIn().db),
  };
}
