import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBackend } from '../../backend/server';
import { seedDemo } from '../../backend/seed/seed';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { userCacheFile } from '../../main/cache/user-cache-path';
import { createMainServices } from '../../main/services';
import { confFileFactory } from '../../main/settings/conf-file';
import { pgliteDatabase } from '../support/databases';
import { freePort, tempDir } from '../support/processes';

// Main services in plain Node against a real backend on the embedded database.
describe('workstation session against the regional backend', () => {
  let backend: FastifyInstance;
  let backendUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    drop = created.drop;
    await seedDemo(created.db);
    backend = await buildBackend({ db: created.db, tokenSecret: new Uint8Array(32).fill(7) });
    const port = await freePort();
    await backend.listen({ host: '127.0.0.1', port });
    backendUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await backend.close();
    await drop();
  });

  const services = (dataDir = tempDir('ws')) =>
    createMainServices({ dataDir, backendUrl, host: 'browser', version: 'test', settingsFile: confFileFactory });

  it("signs in, opens that user's own cache file, and announces the change", async () => {
    const dataDir = tempDir('ws');
    const s = services(dataDir);
    const seen = vi.fn();
    s.events.subscribe(seen);
    const result = await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    expect(result).toMatchObject({ ok: true, value: { user: { username: 'aino' }, notice: null } });
    expect(existsSync(userCacheFile(dataDir, 'staff-nurse-aino'))).toBe(true);
    expect(seen).toHaveBeenCalledWith(
      'session.changed',
      expect.objectContaining({ user: expect.objectContaining({ username: 'aino' }) }),
    );
    await s.dispose();
  });

  it('refuses a wrong password with unauthenticated, and settings stay device-level', async () => {
    const s = services();
    expect(await s.registry.dispatch('session.signIn', { username: 'aino', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await s.registry.dispatch('settings.update', { theme: 'dark' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await s.dispose();
  });

  it("keeps two colleagues' settings apart on one machine", async () => {
    const dataDir = tempDir('ws');
    const s = services(dataDir);
    await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    await s.registry.dispatch('settings.update', { language: 'en', theme: 'dark' });
    await s.registry.dispatch('session.signOut', {});
    // The device greets the next person in the last language used here.
    expect(await s.registry.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    await s.registry.dispatch('session.signIn', { username: 'bjorn', password: 'kaari-demo' });
    // Björn has chosen nothing yet: he starts in his profile's language, Swedish, not in Aino's.
    expect(await s.registry.dispatch('settings.get', {})).toMatchObject({
      ok: true,
      value: { theme: 'system', language: 'sv' },
    });
    await s.registry.dispatch('session.signOut', {});
    await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' });
    expect(await s.registry.dispatch('settings.get', {})).toMatchObject({
      ok: true,
      value: { language: 'en', theme: 'dark' },
    });
    await s.dispose();
  });

  it('says the backend is unavailable (not a crash) when it cannot be reached', async () => {
    const s = createMainServices({
      dataDir: tempDir('ws'),
      backendUrl: `http://127.0.0.1:${await freePort()}`,
      host: 'browser',
      version: 't',
      settingsFile: confFileFactory,
    });
    expect(await s.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    await s.dispose();
  });

  it('rejects a backend answer that does not match the protocol', async () => {
    const impostor = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"user":"admin"}'),
    );
    const port = await freePort();
    await new Promise<void>((r) => impostor.listen(port, '127.0.0.1', r));
    try {
      await expect(
        createBackendClient(`http://127.0.0.1:${port}`).login({ username: 'a', password: 'b', deviceId: 'd' }),
      ).rejects.toThrow();
    } finally {
      impostor.close();
    }
  });
});
