import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { ResidentClientFrame, type ResidentServerFrame } from '../../shared/protocol/resident';
import { realtimeCloseCodes } from '../../shared/protocol/realtime';
import type { Db } from '../db/db';
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

  app.get('/resident/realtime', { websocket: true }, (socket) => {
    let patientId: string | null = null;
    const authTimer = setTimeout(() => socket.close(realtimeCloseCodes.unauthenticated, 'auth timeout'), 5000);
    socket.on('message', async (data: Buffer) => {
      let frame;
      try {
        frame = ResidentClientFrame.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return;
      }
      if (!frame.success) return;
      if (frame.data.type === 'typing') {
        if (!patientId || !typingAllowed(`${patientId}:${frame.data.taskId}`)) return;
        // Only about the resident's own contacts.
        const rows = await db.query("SELECT 1 FROM resource_current WHERE type = 'Task' AND id = $1 AND body->'for'->>'reference' = $2", [frame.data.taskId, `Patient/${patientId}`]);
        if (rows.length > 0) await publishSignal(db, { kind: 'typing', taskId: frame.data.taskId, patientId, from: 'resident' });
        return;
      }
      const verified = await tokens.verify(frame.data.accessToken);
      clearTimeout(authTimer);
      if (!verified) {
        socket.close(realtimeCloseCodes.unauthenticated, 'invalid token');
        return;
      }
      patientId = verified;
      const set = byPatient.get(patientId) ?? new Set();
      set.add(socket);
      byPatient.set(patientId, set);
      socket.send(JSON.stringify({ type: 'ready' } satisfies ResidentServerFrame));
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      if (!patientId) return;
      const set = byPatient.get(patientId);
      set?.delete(socket);
      if (set?.size === 0) byPatient.delete(patientId);
    });
  });
}
