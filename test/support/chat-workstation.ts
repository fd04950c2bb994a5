import { randomUUID } from 'node:crypto';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { sendChatMessage } from '../../main/chat/chat-service';
import { openCache } from '../../main/cache/open-cache';
import { claim } from '../../main/queue/claims';
import { ensureQueueIndex } from '../../main/queue/queue-index';
import { pendingCount } from '../../main/cache/outbox';
import { pullChanges } from '../../main/sync/pull';
import { createSyncEngine } from '../../main/sync/sync-engine';
import { testCacheKey } from './cache-key';

/**
 * A workstation without its window, as a process the chat fault test can SIGKILL: main's own
 * cache, chat and sync code. With KAARI_MESSAGES=N it claims the contact and queues N messages
 * (each its own local transaction, as typed), then sends; with 0 it only drains what is left.
 * Every request pays KAARI_LATENCY_MS, like a slow home connection.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};
const backendUrl = env('KAARI_BACKEND_URL');
const taskId = env('KAARI_TASK_ID');
const count = Number(env('KAARI_MESSAGES'));
const latency = Number(process.env.KAARI_LATENCY_MS ?? 0);

const slowFetch: typeof fetch = async (input, init) => {
  await new Promise((r) => setTimeout(r, latency));
  return fetch(input, init);
};

async function main(): Promise<void> {
  const { db } = openCache(env('KAARI_CACHE_FILE'), { key: testCacheKey() });
  ensureQueueIndex(db);
  let login = null;
  while (!login) {
    login = await createBackendClient(backendUrl)
      .login({ username: env('KAARI_USER'), password: 'kaari-demo', deviceId: 'chat-fault-test' })
      .catch(() => null);
    if (!login) await new Promise((r) => setTimeout(r, 200));
  }
  const token = login.accessToken;
  const client = createBackendClient(backendUrl, { fetch: slowFetch }).signedIn({
    accessToken: () => token,
    refresh: () => Promise.resolve(),
  });
  if (count > 0) {
    await pullChanges(db, client);
    await claim(client, db, taskId);
    for (let i = 1; i <= count; i += 1)
      sendChatMessage(db, login.user, { taskId, text: `Viesti ${i}/${count}` }, 'fi', randomUUID());
    console.log(`queued ${pendingCount(db)}`);
  }
  const engine = createSyncEngine({
    db,
    client,
    intervalMs: 200,
    random: () => 0,
    onState: (state) => {
      const left = pendingCount(db);
      console.log(`state ${state} pending ${left}`);
      if (left === 0 && state === 'online') {
        console.log('drained');
        engine.stop();
        db.close();
        process.exit(0);
      }
    },
  });
  engine.kick();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
