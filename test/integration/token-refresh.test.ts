import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../backend/db/db';
import { buildBackend } from '../../backend/server';
import { seedDemo } from '../../backend/seed/seed';
import type { SessionState } from '../../shared/contract';
import { realtimeCloseCodes } from '../../shared/protocol/realtime';
import { type MainServices, createMainServices } from '../../main/services';
import { confFileFactory } from '../../main/settings/conf-file';
import { pgliteDatabase } from '../support/databases';
import { freePort, tempDir } from '../support/processes';

/** Resolves when `predicate` holds; polls the services' own state, fails after `timeoutMs`. */
async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await predicate())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The laptop sleeps past the access token's life: the HTTP sync and the realtime socket both find
// their token refused at once and both ask for a new one. The backend revokes the whole token
// family when a spent refresh token comes back, so only one refresh may be sent.
describe('token refresh after the access token expired', () => {
  let backend: FastifyInstance;
  let backendUrl: string;
  let db: Db;
  let drop: () => Promise<void>;
  const sockets: { auth: string[]; closed: number | null }[] = [];

  beforeAll(async () => {
    // Only the clock is faked (and keeps running): jumping it ages every access token at once.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const created = await pgliteDatabase.create();
    db = created.db;
    drop = created.drop;
    await seedDemo(db);
    backend = await buildBackend({ db, tokenSecret: new Uint8Array(32).fill(9) });
    const port = await freePort();
    await backend.listen({ host: '127.0.0.1', port });
    backendUrl = `http://127.0.0.1:${port}`;
    // What each realtime socket authenticated with, and how it was closed.
    backend.websocketServer.on('connection', (socket: WebSocket) => {
      const seen = { auth: [] as string[], closed: null as number | null };
      sockets.push(seen);
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type?: string; accessToken?: string };
        if (frame.type === 'auth' && frame.accessToken) seen.auth.push(frame.accessToken);
      });
      socket.on('close', (code) => (seen.closed = code));
    });
  });
  afterAll(async () => {
    await backend.close();
    await drop();
    vi.useRealTimers();
  });

  const running: MainServices[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) await s.dispose();
  });

  function workstation(hold?: (path: string) => Promise<void>) {
    const refreshes: string[] = [];
    const heldFetch: typeof fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (path === '/auth/refresh') {
        await hold?.(path);
        const response = await fetch(input, init);
        refreshes.push(
          response.ok
            ? ((await response.clone().json()) as { accessToken: string }).accessToken
            : `refused ${response.status}`,
        );
        return response;
      }
      return fetch(input, init);
    };
    const services = createMainServices({
      dataDir: tempDir('refresh'),
      backendUrl,
      host: 'browser',
      version: 'test',
      settingsFile: confFileFactory,
      fetch: heldFetch,
    });
    running.push(services);
    const sessions: SessionState[] = [];
    const connection: string[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'session.changed') sessions.push(payload as SessionState);
      if (name === 'connection.changed') connection.push((payload as { state: string }).state);
    });
    return { services, refreshes, sessions, connection };
  }

  const signIn = async (services: MainServices) =>
    expect(
      await services.registry.dispatch('session.signIn', { username: 'aino', password: 'kaari-demo' }),
    ).toMatchObject({ ok: true });

  it('sends one refresh for the sync and the socket together, and the session goes on', async () => {
    let socketRefused!: () => void;
    const refused = new Promise<void>((resolve) => (socketRefused = resolve));
    // The first refresh is held until the socket, too, has been refused: both ask at the same time.
    const ws = workstation(() => refused);
    await signIn(ws.services);
    await until(
      () => ws.connection.includes('online') && sockets.some((s) => s.auth.length > 0 && s.closed === null),
      'first sync and socket',
    );
    const before = sockets.length;

    vi.setSystemTime(Date.now() + 16 * 60_000);
    ws.connection.length = 0;
    ws.services.wake(); // sync now: its request is refused with 401
    for (const client of backend.websocketServer.clients) client.terminate(); // the socket reconnects: closed with 4401
    await until(
      () => sockets.slice(before).some((s) => s.closed === realtimeCloseCodes.unauthenticated),
      'the socket refused',
    );
    socketRefused();

    await until(() => ws.refreshes.length === 1 && ws.connection.includes('online'), 'sync online again');
    const [renewed] = ws.refreshes;
    expect(renewed).not.toMatch(/^refused/);
    await until(
      () => sockets.some((s) => s.auth.includes(renewed!) && s.closed === null),
      'the socket back with the new token',
    );
    expect(ws.refreshes).toHaveLength(1);
    expect(await ws.services.registry.dispatch('session.get', {})).toMatchObject({
      ok: true,
      value: { user: { username: 'aino' }, notice: null },
    });
    expect(ws.sessions.filter((s) => s.user === null)).toEqual([]);
  }, 60_000);

  it('signs the user out with a message when the session was revoked, and keeps what they typed', async () => {
    const ws = workstation();
    await signIn(ws.services);
    await until(() => ws.connection.includes('online'), 'first sync');
    const typed = 'Soita huomenna uudelleen, kuume 38,4';
    expect(await ws.services.registry.dispatch('kept.save', { key: 'cosign-note:task-1', value: typed })).toMatchObject(
      { ok: true },
    );

    // Signed out elsewhere (or an administrator ended it): the token family is gone.
    await db.query("DELETE FROM refresh_token WHERE staff_id = 'staff-nurse-aino'");
    vi.setSystemTime(Date.now() + 16 * 60_000);
    ws.services.wake();

    await until(() => ws.sessions.some((s) => s.user === null), 'the session to end');
    expect(ws.sessions.at(-1)).toEqual({ user: null, notice: 'session_ended' });
    expect(await ws.services.registry.dispatch('session.get', {})).toEqual({
      ok: true,
      value: { user: null, notice: 'session_ended' },
    });
    expect(ws.refreshes).toEqual(['refused 401']);
    expect(await ws.services.registry.dispatch('kept.read', { key: 'cosign-note:task-1' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });

    await signIn(ws.services);
    expect(await ws.services.registry.dispatch('kept.read', { key: 'cosign-note:task-1' })).toEqual({
      ok: true,
      value: { value: typed },
    });
    expect(await ws.services.registry.dispatch('session.get', {})).toMatchObject({ ok: true, value: { notice: null } });
  }, 60_000);
});
