import type { Task } from '@medplum/fhirtypes';
import { ContractError } from '../../shared/contract';
import { isRequestFor } from '../../shared/queue/queue-item';
import { noQueueFilter } from '../../shared/queue/routing';
import { readResource } from '../cache/resources';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { claim, escalate, release, transfer } from './claims';
import { colleagues } from '../staff/directory';
import { queryQueue } from './queue-store';
import { takeIntoCare } from '../access/resident-care';

type Names =
  'queue.list' | 'queue.inbox' | 'queue.claim' | 'queue.release' | 'queue.escalate' | 'queue.transfer' | 'queue.focus';

/** The queue: listing, claims (decided by the backend), release, escalation and transfer. */
export function queueHandlers(ctx: MainContext): Pick<Handlers, Names> {
  return {
    'queue.list': ({ mineOnly, filter, text, offset, limit }) => {
      const { db, user } = ctx.signedIn();
      return queryQueue(db, {
        viewer: mineOnly ? user : null,
        filter: filter ?? null,
        me: user.id,
        text,
        offset,
        limit,
      });
    },
    'queue.inbox': () => {
      const { db, user } = ctx.signedIn();
      const held = queryQueue(db, {
        viewer: null,
        filter: { ...noQueueFilter, holder: 'mine' },
        me: user.id,
        text: '',
        offset: 0,
        limit: 500,
      });
      return { items: held.items.filter((item) => isRequestFor(item, user.id)) };
    },
    'queue.claim': async ({ id }) => {
      const { db } = ctx.signedIn();
      const client = ctx.online();
      const result = await claim(client, db, id);
      // Taking the contact begins a care relationship: her records come at once, not with the next sync.
      if (result.outcome === 'claimed') await takeIntoCare(db, client, result.item.resident.id);
      return ctx.afterWrite(result);
    },
    'queue.release': async ({ id }) => {
      const { db, user } = ctx.signedIn();
      return ctx.afterWrite(await release(ctx.online(), db, user, id));
    },
    'queue.escalate': async ({ id, note }) => {
      const { db, user } = ctx.signedIn();
      return ctx.afterWrite(await escalate(ctx.online(), db, user, id, note));
    },
    'queue.transfer': async ({ id, toStaffId, note }) => {
      const { db, user } = ctx.signedIn();
      const to = colleagues(db).find((c) => c.id === toStaffId);
      if (!to) throw new ContractError('not_found', 'No such colleague in the staff directory.');
      return ctx.afterWrite(await transfer(ctx.online(), db, user, id, to, note));
    },
    'queue.focus': ({ id }) => {
      const task = readResource<Task>(ctx.signedIn().db, 'Task', id);
      const [type, focusId] = task?.focus?.reference?.split('/') ?? [];
      return type && focusId ? { type, id: focusId } : null;
    },
  };
}
