import { hashPassword } from '../auth/passwords';
import { insertStaff } from '../auth/staff';
import type { Db } from '../db/db';
import { demoPassword, demoStaff } from './demo-staff';

/** Thrown instead of seeding a database that holds someone's real (non-demo) data. */
export class NotADemoDatabaseError extends Error {}

/**
 * Seeds the synthetic demo county once; a second run changes nothing. Only ever asked for
 * (KAARI_DEMO=1, or a test that calls it): the demo accounts share a public password, so a
 * database with any other staff account, or with data but no demo staff, is refused.
 */
export async function seedDemo(db: Db): Promise<{ staff: number }> {
  const ids = demoStaff.map((s) => s.id);
  const staff = await db.query<{ id: string }>('SELECT id FROM staff');
  const foreign = staff.filter((s) => !ids.includes(s.id));
  if (foreign.length > 0)
    throw new NotADemoDatabaseError(
      `This database holds ${foreign.length} staff accounts that are not the demo county's; refusing to add demo accounts with a public password to it.`,
    );
  if (staff.length === 0 && (await db.query('SELECT 1 FROM resource_current LIMIT 1')).length > 0) {
    throw new NotADemoDatabaseError(
      'This database holds data but no demo accounts; refusing to seed the demo county into it.',
    );
  }
  if (staff.length > 0) return { staff: 0 };
  const hash = await hashPassword(demoPassword);
  for (const user of demoStaff) await insertStaff(db, user, hash);
  return { staff: demoStaff.length };
}
