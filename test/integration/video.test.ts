import type { Appointment, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackendClient } from '../../main/backend-client/backend-client';
import { type VideoLink, createVideoService } from '../../main/video/video-service';
import type { VideoServerFrame } from '../../shared/protocol/video';
import { newQueueTask } from '../../shared/queue/task-conventions';
import { type BackendProc, startBackend } from '../support/processes';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the workstation's side of a video visit (main)", () => {
  let backend: BackendProc;
  beforeAll(async () => {
    backend = await startBackend();
  }, 90_000);
  afterAll(async () => {
    await backend.stop();
  });

  it('holds the signalling while the call is open (and the camera permission with it), rejoins after a backend restart, and keeps the ended visit for the record', async () => {
    const login = await createBackendClient(backend.url).login({ username: 'aino', password: 'kaari-demo', deviceId: 'video-int' });
    const tokens = { accessToken: () => login.accessToken, refresh: () => Promise.resolve() };
    const client = createBackendClient(backend.url).signedIn(tokens);
    const task = newQueueTask({ kind: 'video', urgency: 'P4', patientId: 'resident-00003', authoredOn: new Date().toISOString(), description: 'Videokäynti', language: 'fi' });
    const created = await client.transaction({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: task, request: { method: 'POST', url: 'Task' } }] }, crypto.randomUUID());
    const taskId = created.entry?.[0]?.response?.location?.split('/')[1] ?? '';
    await client.claim(taskId);

    const frames: VideoServerFrame[] = [];
    const links: VideoLink[] = [];
    const ended: Resource[] = [];
    const video = createVideoService({ backendUrl: backend.url, tokens, client, onFrame: (f) => frames.push(f), onLink: (l) => links.push(l), onEnded: (a) => ended.push(a), random: () => 0 });
    expect(video.inCall()).toBe(false);
    const visit = await video.start(taskId);
    expect(visit.joinUrl).toBe(`${backend.url}/r/#video=${visit.appointmentId}`);
    expect(video.inCall()).toBe(true);
    await until(() => frames.some((f) => f.type === 'joined'), 'joined');
    expect(video.send({ type: 'media', muted: true, cameraOff: false })).toBe(true);
    await until(() => frames.some((f) => f.type === 'participants' && f.participants.some((p) => p.role === 'professional' && p.muted)), 'own mute echoed');

    // The backend goes away and comes back: main says so, reconnects and joins the same visit again.
    await backend.stop();
    await until(() => links.includes('reconnecting'), 'reconnecting');
    backend = await startBackend({ port: backend.port, dataDir: backend.dataDir });
    const joinedBefore = frames.filter((f) => f.type === 'joined').length;
    await until(() => frames.filter((f) => f.type === 'joined').length > joinedBefore, 'joined again', 30_000);
    expect(links.at(-1)).toBe('open');

    await video.end(visit.appointmentId);
    expect(video.inCall()).toBe(false);
    expect((ended[0] as Appointment | undefined)?.status).toBe('fulfilled');
    expect(links.at(-1)).toBe('closed');
    // A contact this user does not hold cannot have a visit.
    await expect(video.start('no-such-task')).rejects.toMatchObject({ code: 'not_found' });
    video.stop();
  }, 120_000);
});
