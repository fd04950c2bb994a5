import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/contract/schemas';
import type { Task } from '@medplum/fhirtypes';
import {
  type AccessScope,
  type ContactRoute,
  contactVisible,
  residentAccess,
  seesPatientData,
} from '../../shared/access/care-access';
import { routeOf } from '../access/contact-routes';
import { canRead } from '../../shared/fhir/access-policy';
import { isResourceType, patientDataTypes } from '../../shared/fhir/resource-types';
import { loadScope } from '../access/scope';
import { RealtimeClientFrame, type RealtimeServerFrame, realtimeCloseCodes } from '../../shared/protocol/realtime';
import type { TokenSigner } from '../auth/tokens';
import type { Db } from '../db/db';
import { authenticatedSocket } from './authenticated-socket';
import { parseSignal, publishSignal, signalChannel, throttle } from './signals';

interface Listener {
  socket: WebSocket;
  roles: readonly Role[];
  staffId: string;
  /** Its session, re-checked while the socket stays open. */
  sid: string;
  scope?: { value: AccessScope; at: number };
}

/** A listener's scope is re-read at most this often: a notice only says "pull", and the pull is narrowed anyway. */
const scopeTtlMs = 2000;

/**
 * GET /realtime (WebSocket): tells each signed-in workstation "something you may see changed at
 * seq N". Every replica LISTENs on the database, so a change written through any replica reaches
 * clients of all of them; the replicas keep no state of their own beyond these sockets.
 */
export async function registerRealtime(app: FastifyInstance, db: Db, signer: TokenSigner): Promise<void> {
  const listeners = new Set<Listener>();
  const send = (socket: WebSocket, frame: RealtimeServerFrame) => socket.send(JSON.stringify(frame));

  const scopeOf = async (l: Listener): Promise<AccessScope> => {
    if (!l.scope || Date.now() - l.scope.at > scopeTtlMs)
      l.scope = { value: await loadScope(db, { sub: l.staffId, roles: l.roles }), at: Date.now() };
    return l.scope.value;
  };
  /** Only who may see the change hears of it: the same rule as the feed (a Task by its routing, the rest by the resident). */
  const notify = async (seq: number, type: string | undefined, patientId: string) => {
    let route: ContactRoute | null | undefined;
    for (const l of [...listeners]) {
      try {
        if (type === '*') {
          send(l.socket, { type: 'changed', seq });
          continue;
        }
        // The access log changes with every read anywhere: nobody's workstation is woken for it.
        if (!isResourceType(type) || type === 'AuditEvent' || !canRead(l.roles, type)) continue;
        if (!(patientDataTypes as readonly string[]).includes(type)) {
          send(l.socket, { type: 'changed', seq });
          continue;
        }
        if (!seesPatientData(l)) continue;
        const scope = await scopeOf(l);
        if (type === 'Task') {
          if (route === undefined) {
            const task = (
              await db.query<{ body: Task }>("SELECT body FROM resource_current WHERE seq = $1 AND type = 'Task'", [
                seq,
              ])
            )[0]?.body;
            route = task ? await routeOf(db, task) : null;
          }
          if (route && contactVisible(route, scope)) send(l.socket, { type: 'changed', seq });
        } else if (patientId && residentAccess(patientId, scope, false) === 'full') {
          send(l.socket, { type: 'changed', seq });
        }
      } catch {
        // One listener's failure (a closed socket) must not keep the notice from the others.
      }
    }
  };
  let notices: Promise<void> = Promise.resolve();
  const unlisten = await db.listen('kaari_changes', (payload) => {
    const [seqText, type, patientId] = payload.split(':');
    const seq = Number(seqText);
    if (!Number.isFinite(seq)) return;
    // One at a time, so every listener hears of changes in commit order.
    notices = notices.then(() => notify(seq, type, patientId ?? '')).catch(() => undefined);
  });
  const unlistenSignals = await db.listen(signalChannel, (payload) => {
    const signal = parseSignal(payload);
    if (signal?.from !== 'resident') return;
    void (async () => {
      for (const l of [...listeners]) {
        if (!seesPatientData(l)) continue;
        if (residentAccess(signal.patientId, await scopeOf(l), false) === 'full')
          send(l.socket, { type: 'typing', taskId: signal.taskId });
      }
    })().catch(() => undefined);
  });
  app.addHook('onClose', async () => {
    await unlisten();
    await unlistenSignals();
  });
  const typingAllowed = throttle();

  app.get('/realtime', { websocket: true }, (socket) =>
    authenticatedSocket(socket, {
      frames: RealtimeClientFrame,
      verify: async (token) => {
        const claims = await signer.verifyAccess(token);
        return claims ? { socket, roles: claims.roles, staffId: claims.sub, sid: claims.sid } : null;
      },
      // Signed out or revoked since: the socket closes within 5 s (an expired token alone does not close it).
      async recheck(listener) {
        const refusal = await signer.session(listener.sid);
        if (refusal === 'device_revoked') return realtimeCloseCodes.deviceRevoked;
        return refusal === 'ended' ? realtimeCloseCodes.unauthenticated : null;
      },
      async onAuthenticated(listener, previous) {
        if (previous) listeners.delete(previous);
        listeners.add(listener);
        const latest = await db.query<{ latest: string | null }>('SELECT max(seq) AS latest FROM resource_current');
        send(socket, { type: 'ready', latest: Number(latest[0]?.latest ?? 0) });
      },
      async onFrame(frame, listener) {
        if (frame.type === 'ping') return send(socket, { type: 'pong' });
        if (!canRead(listener.roles, 'Task') || !typingAllowed(`${listener.staffId}:${frame.taskId}`)) return;
        const rows = await db.query<{ patient: string | null }>(
          "SELECT body->'for'->>'reference' AS patient FROM resource_current WHERE type = 'Task' AND id = $1",
          [frame.taskId],
        );
        const patientId = rows[0]?.patient?.replace(/^Patient\//, '');
        // Typing reaches the resident only from someone in her care.
        if (patientId && residentAccess(patientId, await scopeOf(listener), false) === 'full')
          await publishSignal(db, { kind: 'typing', taskId: frame.taskId, patientId, from: 'staff' });
      },
      onClose: (listener) => listeners.delete(listener),
    }),
  );
}
