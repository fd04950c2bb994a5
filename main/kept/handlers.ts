import { keepText, readKept } from '../cache/kept-text';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';

/** Text of the smaller forms, kept as it is typed. */
export function keptHandlers(ctx: MainContext): Pick<Handlers, 'kept.read' | 'kept.save'> {
  return {
    'kept.read': ({ key }) => ({ value: readKept(ctx.signedIn().db, key) }),
    'kept.save': ({ key, value }) => {
      keepText(ctx.signedIn().db, key, value);
      return { saved: true };
    },
  };
}
