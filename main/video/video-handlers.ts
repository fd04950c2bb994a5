import type { Resource } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { storeServerCopy } from '../cache/server-copy';
import { ContractError } from '../../shared/contract/result';
import type { Handlers } from '../ipc/registry';
import type { VideoService } from './video-service';

type VideoCallName =
  | 'video.start'
  | 'video.send'
  | 'video.leave'
  | 'video.end'
  | 'video.invite'
  | 'video.snapshot'
  | 'video.iceServers'
  | 'video.deviceCheck';

/** The contract's video calls over the one video service of the signed-in session. */
export function videoHandlers(
  video: () => VideoService | null,
  afterSnapshot: () => void,
): Pick<Handlers, VideoCallName> {
  const service = () => {
    const v = video();
    if (!v) throw new ContractError('unauthenticated', 'Sign in first.');
    return v;
  };
  return {
    'video.start': ({ taskId }) => service().start(taskId),
    'video.send': ({ frame }) => ({ sent: service().send(frame) }),
    'video.leave': () => {
      video()?.leave();
      return { left: true };
    },
    'video.end': async ({ appointmentId }) => {
      await service().end(appointmentId);
      return { ended: true };
    },
    'video.invite': ({ appointmentId }) => service().invite(appointmentId),
    'video.snapshot': async ({ appointmentId, requestId, dataBase64 }) => {
      const answer = await service().snapshot(appointmentId, requestId, dataBase64);
      // The new photo comes to the resident's context with the next pull: ask for it now.
      afterSnapshot();
      return answer;
    },
    'video.deviceCheck': ({ open }) => ({ open: service().checkDevices(open) }),
    'video.iceServers': async () => ({ iceServers: await service().iceServers() }),
  };
}

/** The ended visit's Appointment into the cache, where the video documentation finds it when signing. */
export const keepAppointment = (db: WritableDb, appointment: Resource) => storeServerCopy(db, appointment);
