import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Bundle, Communication } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { postgresDatabase, serverUrl } from '../support/databases';
import { type BackendProc, type Proc, startBackend, startTs, tempDir } from '../support/processes';

const until = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

// The chat fault test of issue #5: a workstation process is SIGKILLed while 100 messages are
// on their way, and the backend is SIGKILLed and restarted meanwhile.
describe(`chat messages survive a killed workstation and a killed backend (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let backend: BackendProc;
  let databaseUrl: string | undefined;
  const children: Proc[] = [];

  beforeAll(async () => {
    if (serverUrl) {
      const created = await postgresDatabase.create();
      databaseUrl = created.url;
      await created.db.close();
    }
    backend = await startBackend(databaseUrl ? { databaseUrl } : {});
  }, 90_000);
  afterAll(async () => {
    for (const c of children) await c.stop(true);
    await backend.stop();
  });

  const residentToken = async (identifier: string): Promise<string> => {
    await fetch(`${backend.url}/resident/auth/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier }),
    });
    await until(async () => backend.output().includes(`code for ${identifier}`));
    const code = /code for SYN-\d+: (\d{6})/.exec(
      backend
        .output()
        .split('\n')
        .reverse()
        .find((l) => l.includes(identifier)) ?? '',
    )?.[1];
    const r = await fetch(`${backend.url}/resident/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, code }),
    });
    return ((await r.json()) as { accessToken: string }).accessToken;
  };
  const staffTexts = async (token: string, taskId: string): Promise<string[]> => {
    const r = await fetch(`${backend.url}/resident/api/chats/${taskId}`, {
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => null);
    if (!r?.ok) return [];
    return ((await r.json()) as { messages: { from: string; text: string }[] }).messages
      .filter((m) => m.from === 'staff')
      .map((m) => m.text);
  };

  it('every one of 100 messages arrives exactly once, in order', async () => {
    const resident = await residentToken('SYN-000009');
    const taskId = randomUUID();
    const started = await fetch(`${backend.url}/resident/api/chats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${resident}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: taskId, text: 'Tarvitsen apua', language: 'fi' }),
    });
    expect(started.status).toBe(200);

    const cacheFile = join(tempDir('chat-fault'), 'cache.sqlite');
    const workstation = (messages: number, ready: RegExp) =>
      startTs(
        'test/support/chat-workstation.ts',
        {
          KAARI_BACKEND_URL: backend.url,
          KAARI_CACHE_FILE: cacheFile,
          KAARI_USER: 'aino',
          KAARI_TASK_ID: taskId,
          KAARI_MESSAGES: String(messages),
          KAARI_LATENCY_MS: '25',
        },
        ready,
        120_000,
      );

    const first = await workstation(100, /queued 100/);
    children.push(first);
    await until(async () => (await staffTexts(resident, taskId)).length >= 15);
    await backend.stop(true);
    await new Promise((r) => setTimeout(r, 700));
    await first.stop(true);
    const sentBeforeCrash = (first.output().match(/pending (\d+)/g) ?? []).length;
    expect(sentBeforeCrash).toBeGreaterThan(0);

    backend = await startBackend({
      port: backend.port,
      dataDir: backend.dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
    });
    const second = await workstation(0, /drained/);
    children.push(second);

    const texts = await staffTexts(resident, taskId);
    expect(texts).toEqual(Array.from({ length: 100 }, (_, i) => `Viesti ${i + 1}/100`));
    // Applied once: no message was written twice (a second write would be version 2).
    const login = await createBackendClient(backend.url).login({
      username: 'leena',
      password: 'kaari-demo',
      deviceId: 'check',
    });
    const bundle = (await (
      await fetch(`${backend.url}/fhir/Communication?patient=Patient/resident-00009&_count=500`, {
        headers: { authorization: `Bearer ${login.accessToken}` },
      })
    ).json()) as Bundle<Communication>;
    const staff = (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((c): c is Communication => !!c && c.sender?.reference === 'Practitioner/staff-nurse-aino');
    expect(staff).toHaveLength(100);
    expect(staff.every((c) => c.meta?.versionId === '1')).toBe(true);
  }, 180_000);
});
