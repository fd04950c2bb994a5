import { BreakGlassGrant, BreakGlassList, breakGlassPath } from '../../shared/protocol/access';
import { markHeld } from '../cache/resident-scope';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { fetchResident } from './resident-care';

type Names = 'access.openWithReason' | 'access.statedReasonLog';

/** Access outside a care relationship (docs/SECURITY.md): opened with a stated reason, reviewed by the team lead. */
export function accessHandlers(ctx: MainContext): Pick<Handlers, Names> {
  return {
    'access.openWithReason': async ({ resident, reason }) => {
      const { db } = ctx.signedIn();
      const client = ctx.online();
      const grant = await client.json(breakGlassPath, BreakGlassGrant, { resident, reason });
      // Her data now, held only until sign-out.
      await fetchResident(db, client, grant.patientId);
      markHeld(db, grant.patientId, 'stated-reason');
      return ctx.afterWrite(grant);
    },
    'access.statedReasonLog': () => ctx.online().json(breakGlassPath, BreakGlassList),
  };
}
