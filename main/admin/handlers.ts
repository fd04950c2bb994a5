import { z } from 'zod';
import { DeviceList, EnrollmentCode, SecurityNoticeList } from '../../shared/protocol/devices';
import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';

type Names = 'admin.devices' | 'admin.createEnrollmentCode' | 'admin.revokeDevice' | 'admin.unlockAccount';

const Done = z.object({ status: z.string() });

/** The administrator's device list and locked accounts: always read from the backend, never cached. */
export function adminHandlers(ctx: MainContext): Pick<Handlers, Names> {
  return {
    'admin.devices': async () => {
      const client = ctx.online();
      const [{ devices }, { notices }] = await Promise.all([
        client.json('/admin/devices', DeviceList),
        client.json('/admin/notices', SecurityNoticeList),
      ]);
      return { devices, notices };
    },
    'admin.createEnrollmentCode': () => ctx.online().json('/admin/enrollment-codes', EnrollmentCode, {}),
    'admin.revokeDevice': async ({ deviceId }) => {
      await ctx.online().json(`/admin/devices/${encodeURIComponent(deviceId)}/revoke`, Done, {});
      return { revoked: true };
    },
    'admin.unlockAccount': async ({ staffId }) => {
      await ctx.online().json(`/admin/accounts/${encodeURIComponent(staffId)}/unlock`, Done, {});
      return { unlocked: true };
    },
  };
}
