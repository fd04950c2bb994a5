import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { ResidentClientFrame, type ResidentServerFrame } from '../../shared/protocol/resident';
import type { Db } from '../db/db';
import { authenticatedSocket } from '../realtime/authenticated-socket';
import { parseSignal, publishSignal, signalChannel, throttle } from '../realtime/signals';
import type { ResidentTokens } from './resident-auth';

/**
 * GET /resident/realtime (WebSocket): tells a signed-in resident that something of theirs changed
 * (a reply, a read receipt, a contact taken into handling) and that the professional is typing.
 * The change notice carries the resident's id, so nobody hears about anybody else.
 */
export async function registerResidentRealtime(app: FastifyInstance, db: Db, tokens: ResidentTokens): Promise<void> {
  const byPatient = new Map<string, Set<WebSocket>>();
  const send = (patientId: string, frame: ResidentServerFrame) => {
    for (const socket of byPatient.get(patientId) ?? []) socket.send(JSON.stringify(frame));
  };
  const unlistenChanges = await db.listen('kaari_changes', (payload) => {
    const [, type, patientId] = payload.split(':');
    if (patientId && (type === 'Task' || type === 'Communication')) send(patientId, { type: 'changed' });
  });
  const unlistenSignals = await db.listen(signalChannel, (payload) => {
    const signal = parseSignal(payload);
    if (signal?.from === 'staff') send(signal.patientId, { type: 'typing', taskId: signal.taskId });
  });
  app.addHook('onClose', async () => {
    await unlistenChanges();
    await unlistenSignals();
  });
  const typingAllowed = throttle();
  const leave = (patientId: string, socket: WebSocket) => {
    const set = byPatient.get(patientId);
    set?.delete(socket);
    if (set?.size === 0) byPatient.delete(patientId);
  };

  app.get('/resident/realtime', { websocket: true }, (socket) =>
    authenticatedSocket(socket, {
      frames: ResidentClientFrame,
      verify: (token) => tokens.verify(token),
      onAuthenticated(patientId, previous) {
        if (previous) leave(previous, socket);
        const set = byPatient.get(patientId) ?? new Set();
        set.add(socket);
        byPatient.set(patientId, set);
        socket.send(JSON.stringify({ type: 'ready' } satisfies ResidentServerFrame));
      },
      async onFrame(frame, patientId) {
        if (!typingAllowed(`${patientId}:${frame.taskId}`)) return;
        // Only about the resident's own contacts.
        const rows = await db.query(
          "SELECT 1 FROM resource_current WHERE type = 'Task' AND id = $1 AND body->'for'->>'reference' = $2",
          [frame.taskId, `Patient/${patientId}`],
        );
        if (rows.length > 0)
          await publishSignal(db, { kind: 'typing', taskId: frame.taskId, patientId, from: 'resident' });
      },
      onClose: (patientId) => leave(patientId, socket),
    }),
  );
}
