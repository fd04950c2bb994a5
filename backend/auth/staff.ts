import type { User } from '../../shared/contract/schemas';
import { Role } from '../../shared/contract/schemas';
import type { Queryable } from '../db/db';

interface StaffRow extends Record<string, unknown> {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  roles: string[];
  profession: string;
  languages: string[];
  themes: string[];
  active: boolean;
}

export interface StaffRecord {
  user: User;
  passwordHash: string;
  active: boolean;
}

const toRecord = (row: StaffRow): StaffRecord => ({
  user: {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.map((r) => Role.parse(r)),
    profession: row.profession,
    languages: row.languages,
    themes: row.themes,
  },
  passwordHash: row.password_hash,
  active: row.active,
});

export async function findStaffByUsername(db: Queryable, username: string): Promise<StaffRecord | null> {
  const rows = await db.query<StaffRow>('SELECT * FROM staff WHERE username = $1', [username]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function findStaffById(db: Queryable, id: string): Promise<StaffRecord | null> {
  const rows = await db.query<StaffRow>('SELECT * FROM staff WHERE id = $1', [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function insertStaff(db: Queryable, user: User, passwordHash: string): Promise<void> {
  await db.query(
    `INSERT INTO staff (id, username, password_hash, display_name, roles, profession, languages, themes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [user.id, user.username, passwordHash, user.displayName, user.roles, user.profession, user.languages, user.themes],
  );
}
