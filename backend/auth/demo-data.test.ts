import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from './passwords';
import { insertStaff } from './staff';
import { migrateBackend } from '../db/migrations';
import { createPgliteDb } from '../db/pglite-db';
import { NotADemoDatabaseError, seedDemo } from '../seed/seed';
import { pgliteDatabase } from '../../test/support/databases';
import { type Proc, freePort, startTs, tempDir } from '../../test/support/processes';

const realNurse = {
  id: 'staff-real-1',
  username: 'real.nurse',
  displayName: 'Real Nurse',
  roles: ['nurse' as const],
  profession: 'nurse',
  languages: ['fi'],
  themes: [],
};

// Demo data only when asked for (issue #16): the demo accounts share a public password.
describe('demo data', () => {
  const running: Proc[] = [];
  afterAll(async () => {
    for (const p of running) await p.stop();
  });

  it('is never seeded into a database that holds other staff accounts', async () => {
    const { db, drop } = await pgliteDatabase.create();
    await insertStaff(db, realNurse, await hashPassword('not-public'));
    await expect(seedDemo(db)).rejects.toThrow(NotADemoDatabaseError);
    expect(await db.query('SELECT username FROM staff')).toEqual([{ username: 'real.nurse' }]);
    await drop();
  });

  it('is not seeded by the backend alone: no demo account signs in, and the first device’s code is in the log', async () => {
    const port = await freePort();
    const backend = await startTs(
      'backend/main.ts',
      { PORT: String(port), KAARI_BACKEND_DATA: tempDir('no-demo'), KAARI_DEMO: '', KAARI_DEVICE_ENROLLMENT: '' },
      /listening on/,
    );
    running.push(backend);
    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'antti', password: 'kaari-demo', deviceId: 'd' }),
    });
    expect(login.status).toBe(401);
    expect(backend.output()).not.toMatch(/Seeded/);
    expect(backend.output()).toMatch(
      /Enrollment code for the first workstation \(one-time, until [^)]+\): [A-Z2-9]{4}-[A-Z2-9]{4}/,
    );
  }, 90_000);

  it('asked for on a database with real data, the backend refuses in words and exits non-zero', async () => {
    const dataDir = tempDir('real-data');
    const db = await createPgliteDb(join(dataDir, 'pglite'));
    await migrateBackend(db);
    await insertStaff(db, realNurse, await hashPassword('not-public'));
    await db.close();
    const port = await freePort();
    const started = startTs(
      'backend/main.ts',
      { PORT: String(port), KAARI_BACKEND_DATA: dataDir, KAARI_DEMO: '1' },
      /listening on/,
    );
    await expect(started).rejects.toThrow(/exited with 1:[\s\S]*refusing to add demo accounts/);
  }, 90_000);
});
