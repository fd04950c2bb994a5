import { cpSync, existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../../backend/server';
import { seedDemo } from '../../backend/seed/seed';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { backendKeyWrapper } from '../../main/cache/cache-key';
import { openUserCache } from '../../main/cache/user-cache';
import { userDir } from '../../main/cache/user-cache-path';
import { writePrivateFile } from '../../main/cache/private-files';
import { markUnsentWork } from '../../main/cache/purge';
import type { MainServicesOptions } from '../../main/main-context';
import { type MainServices, createMainServices } from '../../main/services';
import { confFileFactory } from '../../main/settings/conf-file';
import type { LockState } from '../../shared/contract';
import { pgliteDatabase } from '../support/databases';
import { freePort, tempDir } from '../support/processes';

// Main services in plain Node against a real backend: the session lock, user switch, purge.
describe('session lock, user switch and purge on a shared workstation', () => {
  let backend: FastifyInstance;
  let backendUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    drop = created.drop;
    await seedDemo(created.db);
    backend = await buildBackend({ db: created.db, tokenSecret: new Uint8Array(32).fill(9) });
    const port = await freePort();
    await backend.listen({ host: '127.0.0.1', port });
    backendUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await backend.close();
    await drop();
  });

  const services = (dataDir: string, more: Partial<MainServicesOptions> = {}) =>
    createMainServices({
      dataDir,
      backendUrl,
      host: 'browser',
      version: 'test',
      settingsFile: confFileFactory,
      connectionIntervalMs: 100,
      ...more,
    });
  const lockOf = (s: MainServices) =>
    new Promise<LockState>((resolve) =>
      s.events.subscribe((name, payload) => name === 'lock.changed' && resolve(payload as LockState)),
    );
  const draftKey = 'chat:task-lock-1';

  it('locks after the idle time, answers nothing about residents while locked, and unlocking keeps the draft', async () => {
    const s = services(tempDir('ws'), { policy: { idleLockMinutes: 0.01 } });
    await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    expect(await s.registry.dispatch('kept.save', { key: draftKey, value: 'Haavan reunat siistit, ei' })).toMatchObject(
      { ok: true },
    );
    expect(await lockOf(s)).toMatchObject({ locked: true, reason: 'idle' });

    expect(await s.registry.dispatch('queue.list', { mineOnly: false })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await s.registry.dispatch('kept.read', { key: draftKey })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    // The last words typed before the lock are still kept (nothing is read back).
    expect(
      await s.registry.dispatch('kept.save', { key: draftKey, value: 'Haavan reunat siistit, ei eritettä' }),
    ).toMatchObject({ ok: true });
    expect(await s.registry.dispatch('session.get', {})).toMatchObject({
      ok: true,
      value: { user: { username: 'aino' } },
    });
    expect(await s.registry.dispatch('lock.unlock', { password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await s.registry.dispatch('lock.unlock', { password: 'kaari-demo' })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    expect(await s.registry.dispatch('kept.read', { key: draftKey })).toEqual({
      ok: true,
      value: { value: 'Haavan reunat siistit, ei eritettä' },
    });
    expect(await s.registry.dispatch('queue.list', { mineOnly: false })).toMatchObject({ ok: true });
    await s.dispose();
  });

  it("switching user from the lock screen keeps each user's cache apart, each locked under its own key", async () => {
    const dataDir = tempDir('ws');
    const s = services(dataDir);
    await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    await s.registry.dispatch('kept.save', { key: draftKey, value: 'Ainon luonnos' });
    await s.registry.dispatch('settings.update', { theme: 'dark' });
    // Everything of hers on disk is hers alone: the folder 0700, every file in it 0600.
    const ainoDir = userDir(dataDir, 'staff-nurse-aino');
    expect(statSync(ainoDir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(ainoDir)) expect(statSync(join(ainoDir, name)).mode & 0o777, name).toBe(0o600);
    // She leaves the desk and locks the computer: Kaari locks with it.
    s.lock();
    expect(await s.registry.dispatch('lock.get', {})).toMatchObject({
      ok: true,
      value: { locked: true, reason: 'manual' },
    });
    expect(await s.registry.dispatch('session.signOut', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(await s.registry.dispatch('session.signIn', { username: 'bjorn', password: 'kaari-demo' })).toMatchObject({
      ok: true,
      value: { user: { username: 'bjorn' } },
    });
    expect(await s.registry.dispatch('lock.get', {})).toMatchObject({ ok: true, value: { locked: false } });
    expect(await s.registry.dispatch('kept.read', { key: draftKey })).toEqual({ ok: true, value: { value: null } });
    await s.registry.dispatch('session.signOut', {});
    // Aino's cache does not open with Bjorn's key: it is set aside rather than read.
    const bjornsKey = await backendKeyOf('bjorn');
    const stolen = await openUserCache(
      tempDirCopy(dataDir, 'staff-nurse-aino', 'staff-nurse-bjorn'),
      'staff-nurse-bjorn',
      [bjornsKey],
    );
    expect(stolen.movedAside).not.toBeNull();
    stolen.db.close();
    await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    expect(await s.registry.dispatch('kept.read', { key: draftKey })).toEqual({
      ok: true,
      value: { value: 'Ainon luonnos' },
    });
    await s.dispose();
  });

  it('purges a cache nobody opened for longer than the policy allows, and keeps the rest', async () => {
    const dataDir = tempDir('ws');
    for (const username of ['aino', 'bjorn', 'eero']) {
      const s = services(dataDir);
      await s.registry.dispatch('session.signIn', { username, password: 'kaari-demo' });
      await s.dispose();
    }
    const old = userDir(dataDir, 'staff-nurse-bjorn');
    writePrivateFile(`${old}/last-opened`, new Date(Date.now() - 31 * 24 * 3600_000).toISOString());
    utimesSync(old, new Date(0), new Date(0));
    // Eero's cache is as old, but holds work not yet on the backend: it waits for him.
    const unsent = userDir(dataDir, 'staff-doctor-eero');
    writePrivateFile(`${unsent}/last-opened`, new Date(Date.now() - 31 * 24 * 3600_000).toISOString());
    markUnsentWork(unsent, true);
    const s = services(dataDir, { policy: { purgeAfterDays: 30 } });
    expect(existsSync(old)).toBe(false);
    expect(existsSync(`${unsent}/cache.sqlite`)).toBe(true);
    expect(existsSync(userDir(dataDir, 'staff-nurse-aino'))).toBe(true);
    await s.dispose();
  });

  it('locks when the backend has not been reached for the maximum offline age, until it is reached again', async () => {
    let online = true;
    const held: typeof fetch = (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError('network down'));
    const s = services(tempDir('ws'), { fetch: held, policy: { maxOfflineHours: 1 / 3600 } });
    await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    online = false;
    expect(await lockOf(s)).toMatchObject({ locked: true, reason: 'offline' });
    expect(await s.registry.dispatch('lock.unlock', { password: 'kaari-demo' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    online = true;
    const reached = lockOf(s);
    s.wake();
    expect(await reached).toMatchObject({ locked: true, reason: 'idle' });
    expect(await s.registry.dispatch('lock.unlock', { password: 'kaari-demo' })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    await s.dispose();
  });

  it('does not sign in when the backend will not release the cache key, and writes no cache', async () => {
    const refusing: typeof fetch = (input, init) =>
      String(input).endsWith('/auth/cache-key')
        ? Promise.resolve(
            new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [] }), { status: 401 }),
          )
        : fetch(input, init);
    const dataDir = tempDir('ws');
    const s = services(dataDir, { fetch: refusing });
    expect(await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await s.registry.dispatch('session.get', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(existsSync(`${userDir(dataDir, 'staff-nurse-aino')}/cache.sqlite`)).toBe(false);
    await s.dispose();
  });

  async function backendKeyOf(username: string) {
    const client = createBackendClient(backendUrl);
    const login = await client.login({ username, password: 'kaari-demo', deviceId: 'test-thief' });
    return backendKeyWrapper((salt) => client.cacheKey(login.accessToken, salt));
  }

  /** A thief's data folder holding a copy of one user's folder under another user's name. */
  function tempDirCopy(dataDir: string, from: string, as: string): string {
    const thief = tempDir('thief');
    cpSync(userDir(dataDir, from), userDir(thief, as), { recursive: true });
    return thief;
  }
});
