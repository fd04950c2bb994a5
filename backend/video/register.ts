import { randomUUID } from 'node:crypto';
import type { Appointment } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GuestInvitation } from '../../shared/protocol/video';
import { SnapshotRequest, StartVisitRequest, type VideoVisit } from '../../shared/protocol/video';
import { requireStaff } from '../auth/require-staff';
import type { TokenSigner } from '../auth/tokens';
import { FhirError } from '../fhir/fhir-error';
import type { AuditLog } from '../audit/audit-log';
import type { ResourceStore } from '../fhir/store';
import { problemErrorHandler, sendProblem } from '../http/problem';
import type { ResidentTokens } from '../resident/resident-auth';
import { parseBody } from '../resident/resident-contacts';
import { appendAuditEvents } from '../audit/chain';
import {
  changeVisit,
  guestParticipant,
  heldTask,
  isOpen,
  patientOf,
  readAppointment,
  startVisit,
  taskOf,
  videoAudit,
  visitView,
} from './appointments';
import { guestTokens, guestTokenSeconds } from './guest-tokens';
import { type IceConfig, iceServersFor } from './ice-servers';
import { saveSnapshot } from './snapshot';
import { registerVideoRooms } from './video-rooms';

export interface VideoOptions {
  store: ResourceStore;
  signer: TokenSigner;
  residents: ResidentTokens;
  tokenSecret: Uint8Array;
  /** The backend's read audit: a resident listing her own visits is logged like her other reads. */
  auditLog: AuditLog;
  ice: IceConfig;
  staffName(id: string): Promise<string | null>;
}

/** Video visits: start (staff), invite a guest, snapshot, ICE servers, and the signalling socket. */
export async function registerVideo(app: FastifyInstance, options: VideoOptions): Promise<void> {
  const { store } = options;
  const guests = guestTokens(options.tokenSecret);
  const rooms = registerVideoRooms(app, {
    store,
    signer: options.signer,
    residents: options.residents,
    guests,
    ice: options.ice,
    staffName: options.staffName,
  });

  /** An open visit of a contact the caller holds; anything else answers like a missing one. */
  const ownVisit = async (staffId: string, id: string) => {
    const appointment = await readAppointment(store, store.db, id);
    if (!appointment) throw new FhirError(404, 'not-found', 'No such video visit.');
    await heldTask(store, store.db, staffId, taskOf(appointment));
    if (!isOpen(appointment)) throw new FhirError(409, 'ended', 'The video visit has ended.');
    return appointment;
  };
  const staffOf = (request: FastifyRequest) => {
    if (!request.staff) throw new FhirError(401, 'login', 'Sign in first.');
    return request.staff.sub;
  };

  await app.register(async (scope) => {
    scope.addHook(
      'preHandler',
      requireStaff(options.signer, (reply) => sendProblem(reply, 401, 'login', 'Sign in first.')),
    );
    scope.setErrorHandler(problemErrorHandler(scope.log));

    scope.post('/video/visits', async (request): Promise<VideoVisit> => {
      const staffId = staffOf(request);
      const { taskId } = parseBody(StartVisitRequest, request.body);
      return visitView(await startVisit(store, staffId, (await options.staffName(staffId)) ?? '', taskId));
    });

    scope.post<{ Params: { id: string } }>('/video/visits/:id/end', async (request): Promise<VideoVisit> => {
      const staffId = staffOf(request);
      const appointment = await ownVisit(staffId, request.params.id).catch((e: unknown) => {
        if (e instanceof FhirError && e.status === 409) return null;
        throw e;
      });
      if (!appointment)
        return visitView(
          (await readAppointment(store, store.db, request.params.id)) ?? {
            resourceType: 'Appointment',
            status: 'fulfilled',
            participant: [],
          },
        );
      const ended = await changeVisit(
        store,
        appointment.id ?? '',
        { agent: `Practitioner/${staffId}`, action: 'U', subtype: 'end' },
        (a) => ({ ...a, status: 'fulfilled', end: new Date().toISOString() }),
      );
      rooms.ended(appointment.id ?? '');
      return visitView(ended ?? appointment);
    });

    scope.post<{ Params: { id: string } }>(
      '/video/visits/:id/invitations',
      async (request): Promise<GuestInvitation> => {
        const staffId = staffOf(request);
        const appointment = await ownVisit(staffId, request.params.id);
        const jti = randomUUID();
        await changeVisit(
          store,
          appointment.id ?? '',
          { agent: `Practitioner/${staffId}`, action: 'C', subtype: 'invite' },
          (a) => ({ ...a, participant: [...a.participant, guestParticipant(jti, 'Kutsuttu osallistuja')] }),
        );
        const token = await guests.sign({ appointmentId: appointment.id ?? '', jti });
        return {
          joinPath: `/r/#guest=${token}`,
          expiresAt: new Date(Date.now() + guestTokenSeconds * 1000).toISOString(),
        };
      },
    );

    scope.post<{ Params: { id: string } }>(
      '/video/visits/:id/snapshot',
      { bodyLimit: 7 * 1024 * 1024 },
      async (request) => {
        const staffId = staffOf(request);
        const appointment = await ownVisit(staffId, request.params.id);
        const body = parseBody(SnapshotRequest, request.body);
        const media = await saveSnapshot(
          store,
          patientOf(appointment),
          body.requestId,
          body.dataBase64,
          'Kuvakaappaus videovastaanotolta',
        );
        await store.write((tx) =>
          appendAuditEvents(tx, store, [videoAudit(`Practitioner/${staffId}`, 'C', 'snapshot', appointment)]),
        );
        // The resident sees at once that a still was taken.
        rooms.tell(appointment.id ?? '', { type: 'snapshot' });
        return { mediaId: media.id ?? '' };
      },
    );

    scope.get('/video/ice-servers', async (request) => ({
      iceServers: iceServersFor(options.ice, `staff-${staffOf(request)}`),
    }));
  });

  // Her open visits, so a resident who lost the link finds the visit on her front page.
  app.get('/resident/api/video/visits', async (request, reply) => {
    const header = request.headers.authorization;
    const patientId = header?.startsWith('Bearer ') ? await options.residents.verify(header.slice(7)) : null;
    if (!patientId) return sendProblem(reply, 401, 'login', 'Sign in first.');
    // Her id on the request's log line, as on the rest of the resident API.
    request.residentId = patientId;
    const rows = await store.db.query<{ body: Appointment }>(
      "SELECT body FROM resource_current WHERE type = 'Appointment' AND NOT deleted AND body->>'status' IN ('booked', 'arrived') AND body->'participant' @> $1::jsonb ORDER BY body->>'start' DESC LIMIT 5",
      [JSON.stringify([{ actor: { reference: `Patient/${patientId}` } }])],
    );
    await options.auditLog.recordResident(
      patientId,
      'search-type',
      rows.map((r) => `Appointment/${r.body.id ?? ''}`),
    );
    return rows.map((r) => ({ appointmentId: r.body.id ?? '', start: r.body.start ?? '' }));
  });

  // The resident's device check asks for the same servers with her own token.
  app.get('/resident/api/video/ice-servers', async (request, reply) => {
    const header = request.headers.authorization;
    const patientId = header?.startsWith('Bearer ') ? await options.residents.verify(header.slice(7)) : null;
    if (!patientId) return sendProblem(reply, 401, 'login', 'Sign in first.');
    request.residentId = patientId;
    return { iceServers: iceServersFor(options.ice, `patient-${patientId}`) };
  });
}
