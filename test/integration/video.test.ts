import type { Appointment, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { type VideoLink, createVideoService } from '../../main/video/video-service';
import type { VideoServerFrame } from '../../shared/protocol/video';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { seedCounty } from '../../backend/seed/demo-county';
import { seedDemo } from '../../backend/seed/seed';
import { buildBackend } from '../../backend/server';
import { pgliteDatabase } from '../support/databases';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the workstation's side of a video visit (main)", () => {
  // In-process backend: the restart case is covered end to end (test/e2e/video.spec.ts).
  let app: FastifyInstance;
  let url = '';
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await pgliteDatabase.create();
    drop = created.drop;
    await seedDemo(created.db);
    await seedCounty(created.db, { seed: 3, residents: 5, contacts: 2 });
    app = await buildBackend({ db: created.db, tokenSecret: randomBytes(32), log: () => undefined });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('holds the signalling while the call is open (and the camera permission with it), and keeps the ended visit for the record', async () => {
    const login = await createBackendClient(url).login({
      username: 'aino',
      password: 'kaari-demo',
      deviceId: 'video-int',
    });
    const tokens = { accessToken: () => login.accessToken, refresh: () => Promise.resolve() };
    const client = createBackendClient(url).signedIn(tokens);
    const task = newQueueTask({
      kind: 'video',
      urgency: 'P4',
      patientId: 'resident-00003',
      authoredOn: new Date().toISOString(),
      description: 'Videokäynti',
      language: 'fi',
    });
    // The contact arrives through the team lead (standing in for the resident's channel); the nurse takes it.
    const lead = await createBackendClient(url).login({
      username: 'leena',
      password: 'kaari-demo',
      deviceId: 'video-int-lead',
    });
    const arrival = createBackendClient(url).signedIn({
      accessToken: () => lead.accessToken,
      refresh: () => Promise.resolve(),
    });
    const created = await arrival.transaction(
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ resource: task, request: { method: 'POST', url: 'Task' } }],
      },
      crypto.randomUUID(),
    );
    const taskId = created.entry?.[0]?.resource?.id ?? '';
    await client.claim(taskId);

    const frames: VideoServerFrame[] = [];
    const links: VideoLink[] = [];
    const ended: Resource[] = [];
    const video = createVideoService({
      backendUrl: url,
      tokens,
      client,
      onFrame: (f) => frames.push(f),
      onLink: (l) => links.push(l),
      onEnded: (a) => ended.push(a),
      random: () => 0,
    });
    expect(video.inCall()).toBe(false);
    const visit = await video.start(taskId);
    expect(visit.joinUrl).toBe(`${url}/r/#video=${visit.appointmentId}`);
    expect(video.inCall()).toBe(true);
    await until(() => frames.some((f) => f.type === 'joined'), 'joined');
    expect(video.send({ type: 'media', muted: true, cameraOff: false })).toBe(true);
    await until(
      () =>
        frames.some(
          (f) => f.type === 'participants' && f.participants.some((p) => p.role === 'professional' && p.muted),
        ),
      'own mute echoed',
    );

    await video.end(visit.appointmentId);
    expect(video.inCall()).toBe(false);
    expect((ended[0] as Appointment | undefined)?.status).toBe('fulfilled');
    expect(links).toEqual(['connecting', 'open', 'closed']);
    // A contact this user does not hold cannot have a visit.
    await expect(video.start('no-such-task')).rejects.toMatchObject({ code: 'not_found' });
    video.stop();
  }, 60_000);
});
