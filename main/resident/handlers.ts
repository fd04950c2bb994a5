import type { Binary } from '@medplum/fhirtypes';
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
    'resident.photo': ({ mediaId, size }) => {
      const scope = ctx.signedIn();
      return residentPhoto(scope.db, mediaId, size, {
        read: async (id) => (await scope.client.read('Binary', id)) as Binary | null,
        budgetBytes: ctx.policy.photoCacheMb * 1024 * 1024,
      });
    },
    'photos.list': ({ mediaId }) => residentPhotos(ctx.signedIn().db, mediaId),
  };
}
