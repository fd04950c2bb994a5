import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SecurityNotice } from '../../shared/protocol/devices';
import type { Db } from '../db/db';
import { sendProblem } from '../http/problem';
import { createEnrollmentCode, listDevices, revokeDevice } from './devices';
import { requireStaff } from './require-staff';
import type { SessionCheck } from './session-check';
import { unlockAccount } from './sign-in-throttle';
import type { TokenSigner } from './tokens';

const IdParams = z.object({ id: z.string().min(1).max(100) });

/**
 * The administrator's security desk: enrollment codes, the device list, revocation, and the
 * accounts locked by failed sign-ins. Admin role only; nothing here is anyone's health data.
 */
export function registerAdminRoutes(app: FastifyInstance, db: Db, signer: TokenSigner, sessions: SessionCheck): void {
  void app.register(async (scope) => {
    scope.addHook(
      'onRequest',
      requireStaff(signer, (reply) => sendProblem(reply, 401, 'login', 'A valid access token is required.')),
    );
    scope.addHook('preHandler', async (request, reply) => {
      if (!request.staff?.roles.includes('admin'))
        return sendProblem(reply, 403, 'forbidden', 'Only an administrator may manage devices and accounts.');
    });

    scope.post('/admin/enrollment-codes', async (request, reply) =>
      reply.code(201).send(await createEnrollmentCode(db, request.staff!.sub)),
    );
    scope.get('/admin/devices', async () => ({ devices: await listDevices(db) }));
    scope.post('/admin/devices/:id/revoke', async (request, reply) => {
      const params = IdParams.safeParse(request.params);
      if (!params.success) return sendProblem(reply, 400, 'invalid', 'A device id is required.');
      const ended = await revokeDevice(db, params.data.id, request.staff!.sub);
      if (!ended) return sendProblem(reply, 404, 'not-found', 'No such device, or it is already revoked.');
      sessions.ended(ended, 'device_revoked');
      return { status: 'revoked' };
    });
    scope.get('/admin/notices', async () => {
      const rows = await db.query<{
        id: string;
        kind: 'account_locked';
        staff_id: string;
        display_name: string;
        created_at: Date;
      }>(
        `SELECT n.id, n.kind, s.id AS staff_id, s.display_name, n.created_at FROM security_notice n JOIN staff s ON s.id = n.subject
         WHERE n.resolved_at IS NULL ORDER BY n.created_at DESC LIMIT 100`,
      );
      const notices: SecurityNotice[] = rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        staff: { id: r.staff_id, displayName: r.display_name },
        createdAt: new Date(r.created_at).toISOString(),
      }));
      return { notices };
    });
    scope.post('/admin/accounts/:id/unlock', async (request, reply) => {
      const params = IdParams.safeParse(request.params);
      if (!params.success) return sendProblem(reply, 400, 'invalid', 'A staff id is required.');
      if (!(await unlockAccount(db, params.data.id))) return sendProblem(reply, 404, 'not-found', 'No such account.');
      return { status: 'unlocked' };
    });
  });
}
