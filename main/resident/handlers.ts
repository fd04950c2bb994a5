import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';
import { residentPhoto, residentPhotos } from './photo';
import { residentContext } from './resident-context';

type Names = 'resident.context' | 'resident.photo' | 'photos.list';

/** What the cache holds about a resident; every read is logged. */
export function residentHandlers(ctx: MainContext): Pick<Handlers, Names> {
  return {
    'resident.context': ({ residentId }) => {
      const { db, user } = ctx.signedIn();
      // A team lead supervises every resident: her view is whole without a relationship.
      return residentContext(db, residentId, user.roles.includes('team_lead'));
    },
    'resident.photo': ({ mediaId, size }) => residentPhoto(ctx.signedIn().db, mediaId, size),
    'photos.list': ({ mediaId }) => residentPhotos(ctx.signedIn().db, mediaId),
  };
}
