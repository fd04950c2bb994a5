import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/contract/schemas';
import { canRead } from '../../shared/fhir/access-policy';
import { isResourceType } from '../../shared/fhir/resource-types';
import { RealtimeClientFrame, type RealtimeServerFrame } from '../../shared/protocol/realtime';
import type { TokenSigner } from '../auth/tokens';
import type { Db } from '../db/db';
import { authenticatedSocket } from './authenticated-socket';
import { parseSignal, publishSignal, signalChannel, throttle } from './signals';

interface Listener {
  socket: WebSocket;
  roles: readonly Role[];
  staffId: string;
}

/**
 * GET /realtime (WebSocket): tells each signed-in workstation "something you may see changed at
 * seq N". Every replica LISTENs on the database, so a change written through any replica reaches
 * clients of all of them; the replicas keep no state of their own beyond these sockets.
 */
export async function registerRealtime(app: FastifyInstance, db: Db, signer: TokenSigner): Promise<void> {
  const listeners = new Set<Listener>();
  const send = (socket: WebSocket, frame: RealtimeServerFrame) => socket.send(JSON.stringify(frame));

  const unlisten = await db.listen('kaari_changes', (payload) => {
    const [seqText, type] = payload.split(':');
    const seq = Number(seqText);
    if (!Number.isFinite(seq)) return;
    for (const l of listeners) {
      if (type === '*' || (isResourceType(type) && canRead(l.roles, type))) send(l.socket, { type: 'changed', seq });
    }
  });
  const unlistenSignals = await db.listen(signalChannel, (payload) => {
    const signal = parseSignal(payload);
    if (signal?.from !== 'resident') return;
    for (const l of listeners) if (canRead(l.roles, 'Task')) send(l.socket, { type: 'typing', taskId: signal.taskId });
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
        return claims ? { socket, roles: claims.roles, staffId: claims.sub } : null;
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
        const rows = await db.query<{ patient: string | null }>("SELECT body->'for'->>'reference' AS patient FROM resource_current WHERE type = 'Task' AND id = $1", [frame.taskId]);
        const patientId = rows[0]?.patient?.replace(/^Patient\//, '');
        if (patientId) await publishSignal(db, { kind: 'typing', taskId: frame.taskId, patientId, from: 'staff' });
      },
      onClose: (listener) => listeners.delete(listener),
    }),
  );
}
