import { hashPassword } from '../auth/passwords';
import { insertStaff } from '../auth/staff';
import type { Db } from '../db/db';
import { demoPassword, demoStaff } from './demo-staff';

/** Seeds the synthetic demo county once; a second run changes nothing. */
export async function seedDemo(db: Db): Promise<{ staff: number }> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff');
  if ((existing[0]?.n ?? 0) > 0) return { staff: 0 };
  const hash = await hashPassword(demoPassword);
  for (const user of demoStaff) await insertStaff(db, user, hash);
  return { staff: demoStaff.length };
}
