import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Appointment, AuditEvent, Media } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { VideoServerFrame, VideoVisit } from '../../shared/protocol/video';
import { testDatabases } from '../../test/support/databases';
import type { Db } from '../db/db';
import { seedCounty } from '../seed/demo-county';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';

// A real picture: the photo pipeline refuses anything it cannot decode.
const jpeg = (
  await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a6f5c' } })
    .jpeg()
    .toBuffer()
).toString('base64');
const turnSecret = 'test-turn-secret';

/** A signalling socket that keeps every frame, so a test can wait for the one it expects. */
class Client {
  readonly frames: VideoServerFrame[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as VideoServerFrame);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async open(base: string, token: string): Promise<Client> {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/video/socket`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'auth', accessToken: token }));
    const client = new Client(ws);
    await client.next('ready');
    return client;
  }
  send(frame: object) {
    this.ws.send(JSON.stringify(frame));
  }
  async next<T extends VideoServerFrame['type']>(
    type: T,
    pred: (f: Extract<VideoServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<VideoServerFrame, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.find(
        (f): f is Extract<VideoServerFrame, { type: T }> =>
          f.type === type && pred(f as Extract<VideoServerFrame, { type: T }>),
      );
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no ${type} frame; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  close() {
    this.ws.close();
  }
}

describe.each(testDatabases)('video visits on $name', (database) => {
  let app: FastifyInstance;
  let base = '';
  let drop: () => Promise<void>;
  let db: Db;
  const log: string[] = [];
  const tokens: Record<string, string> = {};
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const created = await database.create();
    drop = created.drop;
    db = created.db;
    await seedDemo(created.db);
    await seedCounty(created.db, { seed: 7, residents: 20, contacts: 5 });
    app = await buildBackend({
      db: created.db,
      tokenSecret: randomBytes(32),
      log: (line) => log.push(line),
      ice: { stunUrl: 'stun:127.0.0.1:3478', turnUrl: 'turn:127.0.0.1:3478', turnSecret },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const user of ['aino', 'eero']) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: user, password: 'kaari-demo', deviceId: 'd' },
      });
      tokens[user] = (r.json() as { accessToken: string }).accessToken;
    }
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const resident = async (identifier: string): Promise<{ token: string; patientId: string }> => {
    log.length = 0;
    await app.inject({ method: 'POST', url: '/resident/auth/code', payload: { identifier } });
    const code = /: (\d{6})$/.exec(log.find((l) => l.includes(identifier)) ?? '')?.[1] ?? '';
    const r = await app.inject({ method: 'POST', url: '/resident/auth/verify', payload: { identifier, code } });
    const body = r.json() as { accessToken: string; patientId: string };
    return { token: body.accessToken, patientId: body.patientId };
  };

  it('runs a visit: only the holder starts it, the resident waits until admitted, signals and mute pass, a snapshot lands in her photos, the end is kept and audited', async () => {
    const anna = await resident('SYN-000002');
    const other = await resident('SYN-000003');
    const taskId = randomUUID();
    await app.inject({
      method: 'POST',
      url: '/resident/api/callbacks',
      headers: as(anna.token),
      payload: { requestId: taskId, reason: 'Haluan videovastaanoton', phone: '0401234567', language: 'fi' },
    });

    // Nobody holds the contact yet: nobody may start a visit from it.
    expect(
      (await app.inject({ method: 'POST', url: '/video/visits', headers: as(tokens.aino ?? ''), payload: { taskId } }))
        .statusCode,
    ).toBe(404);
    await app.inject({ method: 'POST', url: `/fhir/Task/${taskId}/$claim`, headers: as(tokens.aino ?? '') });
    expect(
      (await app.inject({ method: 'POST', url: '/video/visits', headers: as(tokens.eero ?? ''), payload: { taskId } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/video/visits', headers: as(tokens.aino ?? ''), payload: {} }))
        .statusCode,
    ).toBe(400);
    const started = await app.inject({
      method: 'POST',
      url: '/video/visits',
      headers: as(tokens.aino ?? ''),
      payload: { taskId },
    });
    expect(started.statusCode).toBe(200);
    const visit = started.json() as VideoVisit;
    expect(visit).toMatchObject({ taskId, patientId: anna.patientId, status: 'open' });
    // A second click gives the same visit.
    expect(
      (
        (
          await app.inject({
            method: 'POST',
            url: '/video/visits',
            headers: as(tokens.aino ?? ''),
            payload: { taskId },
          })
        ).json() as VideoVisit
      ).appointmentId,
    ).toBe(visit.appointmentId);

    // Her front page finds the open visit; nobody else's does.
    const listed = async (token: string) =>
      (await app.inject({ method: 'GET', url: '/resident/api/video/visits', headers: as(token) })).json() as {
        appointmentId: string;
      }[];
    expect((await listed(anna.token)).map((v) => v.appointmentId)).toEqual([visit.appointmentId]);
    expect(await listed(other.token)).toEqual([]);

    const nurse = await Client.open(base, tokens.aino ?? '');
    nurse.send({ type: 'join', appointmentId: visit.appointmentId });
    const nurseJoined = await nurse.next('joined');
    expect(nurseJoined.self).toMatchObject({ role: 'professional', admitted: true });
    // TURN credentials in coturn's REST API form: expiry:user, HMAC-SHA1 of it with the shared secret.
    const turn = nurseJoined.iceServers.find((s) => String(s.urls).startsWith('turn:'));
    expect(turn?.username).toMatch(/^\d+:staff-/);
    expect(turn?.credential).toBe(
      createHmac('sha1', turnSecret)
        .update(turn?.username ?? '')
        .digest('base64'),
    );
    expect(Number(turn?.username?.split(':')[0])).toBeGreaterThan(Date.now() / 1000);

    const stranger = await Client.open(base, other.token);
    stranger.send({ type: 'join', appointmentId: visit.appointmentId });
    expect((await stranger.next('ended')).reason).toBe('not-allowed');

    const patient = await Client.open(base, anna.token);
    patient.send({ type: 'join', appointmentId: visit.appointmentId });
    const waiting = await patient.next('joined');
    expect(waiting.self).toMatchObject({ role: 'resident', admitted: false });
    await nurse.next('participants', (f) => f.participants.some((p) => p.role === 'resident' && !p.admitted));
    // Before admission the resident's signals reach nobody.
    patient.send({
      type: 'signal',
      to: nurseJoined.self.id,
      toSession: nurseJoined.self.session,
      data: { sdp: 'early' },
    });

    nurse.send({ type: 'admit', participantId: waiting.self.id });
    await patient.next('participants', (f) => f.participants.some((p) => p.id === waiting.self.id && p.admitted));
    patient.send({
      type: 'signal',
      to: nurseJoined.self.id,
      toSession: nurseJoined.self.session,
      data: { sdp: 'offer' },
    });
    const signal = await nurse.next('signal');
    expect(signal).toMatchObject({ from: waiting.self.id, fromSession: waiting.self.session, data: { sdp: 'offer' } });
    expect(nurse.frames.filter((f) => f.type === 'signal')).toHaveLength(1);

    patient.send({ type: 'media', muted: true, cameraOff: false });
    await nurse.next('participants', (f) => f.participants.some((p) => p.id === waiting.self.id && p.muted));

    // A reload comes straight back in: admission is kept in the Appointment.
    patient.close();
    const again = await Client.open(base, anna.token);
    again.send({ type: 'join', appointmentId: visit.appointmentId });
    expect((await again.next('joined')).self).toMatchObject({ admitted: true });

    // An interpreter by one-time link: waits for admission, and the same link does not let a second browser in.
    const invitation = await app.inject({
      method: 'POST',
      url: `/video/visits/${visit.appointmentId}/invitations`,
      headers: as(tokens.aino ?? ''),
    });
    const guestToken = decodeURIComponent(
      /#guest=(.+)$/.exec((invitation.json() as { joinPath: string }).joinPath)?.[1] ?? '',
    );
    const guest = await Client.open(base, guestToken);
    guest.send({ type: 'join', appointmentId: visit.appointmentId });
    expect((await guest.next('joined')).self).toMatchObject({ role: 'guest', admitted: false });
    const copy = await Client.open(base, guestToken);
    copy.send({ type: 'join', appointmentId: visit.appointmentId });
    expect((await copy.next('ended')).reason).toBe('not-allowed');
    expect((await app.inject({ method: 'GET', url: '/fhir/Patient', headers: as(guestToken) })).statusCode).toBe(401);

    const snap = await app.inject({
      method: 'POST',
      url: `/video/visits/${visit.appointmentId}/snapshot`,
      headers: as(tokens.aino ?? ''),
      payload: { requestId: randomUUID(), dataBase64: jpeg },
    });
    expect(snap.statusCode).toBe(200);
    await again.next('snapshot');
    const media = (
      await app.inject({
        method: 'GET',
        url: `/fhir/Media/${(snap.json() as { mediaId: string }).mediaId}`,
        headers: as(tokens.aino ?? ''),
      })
    ).json() as Media;
    expect(media.subject?.reference).toBe(`Patient/${anna.patientId}`);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/video/visits/${visit.appointmentId}/snapshot`,
          headers: as(tokens.eero ?? ''),
          payload: { requestId: randomUUID(), dataBase64: jpeg },
        })
      ).statusCode,
    ).toBe(404);

    nurse.send({ type: 'end' });
    expect((await again.next('ended')).reason).toBe('ended');
    await guest.next('ended');
    const appointment = (
      await app.inject({
        method: 'GET',
        url: `/fhir/Appointment/${visit.appointmentId}`,
        headers: as(tokens.aino ?? ''),
      })
    ).json() as Appointment;
    expect(appointment.status).toBe('fulfilled');
    expect(appointment.end).toBeTruthy();
    expect(appointment.participant.find((p) => p.actor?.reference === `Patient/${anna.patientId}`)?.status).toBe(
      'accepted',
    );
    expect(await listed(anna.token)).toEqual([]);
    const late = await Client.open(base, anna.token);
    late.send({ type: 'join', appointmentId: visit.appointmentId });
    expect((await late.next('ended')).reason).toBe('ended');

    const audits = await db.query<{ body: AuditEvent }>(
      "SELECT body FROM resource_current WHERE type = 'AuditEvent' AND body->'entity' @> $1::jsonb",
      [JSON.stringify([{ what: { reference: `Appointment/${visit.appointmentId}` } }])],
    );
    const kinds = audits
      .map((a) => a.body.subtype?.[0])
      .filter((s) => s?.system === 'urn:kaari:video')
      .map((s) => s?.code);
    expect(new Set(kinds)).toEqual(new Set(['start', 'join', 'admit', 'invite', 'snapshot', 'end']));
    for (const c of [nurse, stranger, again, guest, copy, late]) c.close();
  }, 60_000);
});
