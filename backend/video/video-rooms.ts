import { randomUUID } from 'node:crypto';
import type { Appointment } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { type Participant, VideoClientFrame, type VideoServerFrame } from '../../shared/protocol/video';
import type { TokenSigner } from '../auth/tokens';
import type { ResourceStore } from '../fhir/store';
import { authenticatedSocket } from '../realtime/authenticated-socket';
import type { ResidentTokens } from '../resident/resident-auth';
import { appendAuditEvents } from '../audit/chain';
import {
  changeVisit,
  guestSystem,
  heldTask,
  isOpen,
  professionalOf,
  readAppointment,
  taskOf,
  videoAudit,
  withParticipantStatus,
} from './appointments';
import type { GuestTokens } from './guest-tokens';
import { type IceConfig, iceServersFor } from './ice-servers';
import { realtimeCloseCodes } from '../../shared/protocol/realtime';

type Who =
  | { kind: 'professional'; staffId: string; name: string; sid: string }
  | { kind: 'resident'; patientId: string }
  | { kind: 'guest'; appointmentId: string; jti: string };

interface Member {
  socket: WebSocket;
  who: Who;
  appointmentId: string;
  participant: Participant;
}

const agentOf = (who: Who) =>
  who.kind === 'professional'
    ? `Practitioner/${who.staffId}`
    : who.kind === 'resident'
      ? `Patient/${who.patientId}`
      : `Device/video-guest-${who.jti}`;
const participantIdOf = (who: Who) =>
  who.kind === 'professional'
    ? `staff-${who.staffId}`
    : who.kind === 'resident'
      ? `patient-${who.patientId}`
      : `guest-${who.jti}`;

/** Whether the Appointment lets this person in at once (the professional) or after admission. */
function admission(a: Appointment, who: Who): { allowed: boolean; admitted: boolean; name: string } {
  if (who.kind === 'professional')
    return { allowed: professionalOf(a) === who.staffId, admitted: true, name: who.name };
  if (who.kind === 'resident') {
    const p = a.participant.find((x) => x.actor?.reference === `Patient/${who.patientId}`);
    return { allowed: !!p, admitted: p?.status === 'accepted', name: p?.actor?.display ?? '' };
  }
  const p = a.participant.find(
    (x) => x.actor?.identifier?.system === guestSystem && x.actor.identifier.value === who.jti,
  );
  return {
    allowed: who.appointmentId === a.id && !!p,
    admitted: p?.status === 'accepted',
    name: p?.actor?.display ?? '',
  };
}

export interface VideoRooms {
  /** Tells everyone in a visit (e.g. that a snapshot was taken). */
  tell(appointmentId: string, frame: VideoServerFrame): void;
  /** The visit ended through the HTTP API (or from elsewhere): close the room. */
  ended(appointmentId: string): void;
}

/**
 * GET /video/socket: the signalling room of each visit. Rooms live in this replica's memory (they
 * are only the sockets); who may come in is decided from the Appointment on every join, and
 * admission is written into it, so a restarted backend lets the same people straight back in.
 * A deployment with several replicas routes one visit's sockets to one replica (sticky by the
 * appointment id): SDP offers exceed what a NOTIFY payload may carry.
 */
export function registerVideoRooms(
  app: FastifyInstance,
  deps: {
    store: ResourceStore;
    signer: TokenSigner;
    residents: ResidentTokens;
    guests: GuestTokens;
    ice: IceConfig;
    staffName(id: string): Promise<string | null>;
  },
): VideoRooms {
  const rooms = new Map<string, Set<Member>>();
  const send = (socket: WebSocket, frame: VideoServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const membersOf = (id: string) => rooms.get(id) ?? new Set<Member>();
  const broadcast = (id: string) => {
    const participants = [...membersOf(id)].map((m) => m.participant);
    for (const m of membersOf(id)) send(m.socket, { type: 'participants', participants });
  };
  const remove = (member: Member) => {
    const room = rooms.get(member.appointmentId);
    if (!room?.delete(member)) return;
    if (room.size === 0) rooms.delete(member.appointmentId);
    broadcast(member.appointmentId);
  };
  const closeRoom = (id: string, reason: 'ended') => {
    for (const m of membersOf(id)) send(m.socket, { type: 'ended', reason });
    rooms.delete(id);
  };
  const memberOf = new Map<WebSocket, Member>();

  async function join(socket: WebSocket, who: Who, appointmentId: string): Promise<void> {
    const previous = memberOf.get(socket);
    if (previous) remove(previous);
    const appointment = await readAppointment(deps.store, deps.store.db, appointmentId);
    if (!appointment || !isOpen(appointment))
      return send(socket, { type: 'ended', reason: appointment ? 'ended' : 'not-found' });
    const { allowed, admitted, name } = admission(appointment, who);
    // The professional must still hold the contact: a released or transferred contact's visit is not theirs.
    const holds =
      who.kind !== 'professional' ||
      (await heldTask(deps.store, deps.store.db, who.staffId, taskOf(appointment)).then(
        () => true,
        () => false,
      ));
    if (!allowed || !holds) return send(socket, { type: 'ended', reason: 'not-allowed' });
    const id = participantIdOf(who);
    // One browser per guest link: a second use of the same invitation is turned away.
    if (who.kind === 'guest' && [...membersOf(appointmentId)].some((m) => m.participant.id === id))
      return send(socket, { type: 'ended', reason: 'not-allowed' });
    await deps.store.write((tx) =>
      appendAuditEvents(tx, deps.store, [videoAudit(agentOf(who), 'E', 'join', appointment)]),
    );
    const member: Member = {
      socket,
      who,
      appointmentId,
      participant: { id, session: randomUUID(), role: who.kind, name, admitted, muted: false, cameraOff: false },
    };
    const room = rooms.get(appointmentId) ?? new Set<Member>();
    room.add(member);
    rooms.set(appointmentId, room);
    memberOf.set(socket, member);
    send(socket, { type: 'joined', self: member.participant, iceServers: iceServersFor(deps.ice, id) });
    broadcast(appointmentId);
  }

  async function admit(member: Member, participantId: string): Promise<void> {
    if (member.who.kind !== 'professional' || !member.participant.admitted) return;
    const [kind, ...rest] = participantId.split('-');
    const key = rest.join('-');
    const updated = await changeVisit(
      deps.store,
      member.appointmentId,
      { agent: agentOf(member.who), action: 'U', subtype: 'admit' },
      (a) =>
        withParticipantStatus(
          a,
          (p) =>
            kind === 'patient'
              ? p.actor?.reference === `Patient/${key}`
              : p.actor?.identifier?.system === guestSystem && p.actor.identifier.value === key,
          'accepted',
        ),
    );
    if (!updated) return;
    for (const m of membersOf(member.appointmentId))
      if (m.participant.id === participantId) m.participant = { ...m.participant, admitted: true };
    broadcast(member.appointmentId);
  }

  async function end(member: Member): Promise<void> {
    if (member.who.kind !== 'professional') return;
    await changeVisit(
      deps.store,
      member.appointmentId,
      { agent: agentOf(member.who), action: 'U', subtype: 'end' },
      (a) => ({ ...a, status: 'fulfilled', end: new Date().toISOString() }),
    );
    closeRoom(member.appointmentId, 'ended');
  }

  app.get('/video/socket', { websocket: true }, (socket) =>
    authenticatedSocket<VideoClientFrame, Who>(socket, {
      frames: VideoClientFrame,
      async verify(token) {
        const staff = await deps.signer.verifyAccess(token);
        if (staff)
          return {
            kind: 'professional',
            staffId: staff.sub,
            name: (await deps.staffName(staff.sub)) ?? '',
            sid: staff.sid,
          };
        const patientId = await deps.residents.verify(token);
        if (patientId) return { kind: 'resident', patientId };
        const guest = await deps.guests.verify(token);
        return guest ? { kind: 'guest', ...guest } : null;
      },
      // A professional signed out or whose device was revoked leaves the call within 5 s, as on /realtime.
      async recheck(who) {
        if (who.kind !== 'professional') return null;
        const refusal = await deps.signer.session(who.sid);
        if (refusal === 'device_revoked') return realtimeCloseCodes.deviceRevoked;
        return refusal === 'ended' ? realtimeCloseCodes.unauthenticated : null;
      },
      onAuthenticated: () => send(socket, { type: 'ready' }),
      async onFrame(frame, who) {
        const member = memberOf.get(socket);
        if (frame.type === 'join') return join(socket, who, frame.appointmentId);
        if (!member) return;
        if (frame.type === 'admit') return admit(member, frame.participantId);
        if (frame.type === 'end') return end(member);
        if (frame.type === 'leave') {
          memberOf.delete(socket);
          return remove(member);
        }
        if (frame.type === 'media') {
          member.participant = { ...member.participant, muted: frame.muted, cameraOff: frame.cameraOff };
          return broadcast(member.appointmentId);
        }
        // Signals only between admitted participants of the same visit.
        if (!member.participant.admitted) return;
        for (const m of membersOf(member.appointmentId)) {
          if (m.participant.id === frame.to && m.participant.session === frame.toSession && m.participant.admitted) {
            send(m.socket, {
              type: 'signal',
              from: member.participant.id,
              fromSession: member.participant.session,
              data: frame.data,
            });
          }
        }
      },
      onClose() {
        const member = memberOf.get(socket);
        memberOf.delete(socket);
        if (member) remove(member);
      },
    }),
  );
  app.addHook('onClose', async () => {
    for (const room of rooms.values()) for (const m of room) m.socket.close(1001, 'shutting down');
  });

  return {
    tell(appointmentId, frame) {
      for (const m of membersOf(appointmentId)) send(m.socket, frame);
    },
    ended: (id) => closeRoom(id, 'ended'),
  };
}
