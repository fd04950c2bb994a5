import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/contract/schemas';
import { canRead } from '../../shared/fhir/access-policy';
import { isResourceType } from '../../shared/fhir/resource-types';
import { RealtimeClientFrame, type RealtimeServerFrame, realtimeCloseCodes } from '../../shared/protocol/realtime';
import type { TokenSigner } from '../auth/tokens';
import type { Db } from '../db/db';
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

  app.get('/realtime', { websocket: true }, (socket) => {
    let listener: Listener | null = null;
    const authTimer = setTimeout(() => socket.close(realtimeCloseCodes.unauthenticated, 'auth timeout'), 5000);
    socket.on('message', async (data: Buffer) => {
      let frame;
      try {
        frame = RealtimeClientFrame.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return;
      }
      if (!frame.success) return;
      if (frame.data.type === 'ping') {
        if (listener) send(socket, { type: 'pong' });
        return;
      }
      if (frame.data.type === 'typing') {
        if (!listener || !canRead(listener.roles, 'Task') || !typingAllowed(`${listener.staffId}:${frame.data.taskId}`)) return;
        const rows = await db.query<{ patient: string | null }>("SELECT body->'for'->>'reference' AS patient FROM resource_current WHERE type = 'Task' AND id = $1", [frame.data.taskId]);
        const patientId = rows[0]?.patient?.replace(/^Patient\//, '');
        if (patientId) await publishSignal(db, { kind: 'typing', taskId: frame.data.taskId, patientId, from: 'staff' });
        return;
      }
      const claims = await signer.verifyAccess(frame.data.accessToken);
      clearTimeout(authTimer);
      if (!claims) {
        socket.close(realtimeCloseCodes.unauthenticated, 'invalid token');
        return;
      }
      if (listener) listeners.delete(listener);
      listener = { socket, roles: claims.roles, staffId: claims.sub };
      listeners.add(listener);
      const latest = await db.query<{ latest: string | null }>('SELECT max(seq) AS latest FROM resource_current');
      send(socket, { type: 'ready', latest: Number(latest[0]?.latest ?? 0) });
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      if (listener) listeners.delete(listener);
    });
  });
}
