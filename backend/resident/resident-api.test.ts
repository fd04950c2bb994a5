import { randomBytes, randomUUID } from 'node:crypto';
import type { Communication, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perAddress } from './resident-auth';
import { chatCommunication } from '../../shared/chat/messages';
import type { DraftContext } from '../../shared/documentation/draft';
import { signedRecordEntries } from '../../shared/documentation/to-fhir';
import { taskUrgency } from '../../shared/queue/task-conventions';
import { testDatabases } from '../../test/support/databases';
import { seedCounty } from '../seed/demo-county';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';

const png = (
  await sharp({ create: { width: 16, height: 12, channels: 3, background: '#c98f7a' } })
    .png()
    .toBuffer()
).toString('base64');
const calm = {
  'breathing-difficulty': false,
  confusion: false,
  'chest-pain': false,
  cough: true,
  'sore-throat': true,
  'risk-group': false,
  temperature: 37.4,
};

describe.each(testDatabases)('resident API on $name', (database) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const log: string[] = [];
  let staffToken = '';
  /** The team lead supervises every contact: the staff-side checks here read as her (the access rule has tests of its own). */
  let leadToken = '';

  beforeAll(async () => {
    const created = await database.create();
    drop = created.drop;
    await seedDemo(created.db);
    await seedCounty(created.db, { seed: 7, residents: 20, contacts: 5 });
    app = await buildBackend({ db: created.db, tokenSecret: randomBytes(32), log: (line) => log.push(line) });
    const r = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'aino', password: 'kaari-demo', deviceId: 'd' },
    });
    staffToken = (r.json() as { accessToken: string }).accessToken;
    const lead = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'leena', password: 'kaari-demo', deviceId: 'd' },
    });
    leadToken = (lead.json() as { accessToken: string }).accessToken;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  const codeFor = async (identifier: string): Promise<string> => {
    log.length = 0;
    const r = await app.inject({ method: 'POST', url: '/resident/auth/code', payload: { identifier } });
    expect(r.statusCode).toBe(202);
    return /: (\d{6})$/.exec(log.find((l) => l.includes(identifier)) ?? '')?.[1] ?? '';
  };
  const signIn = async (identifier: string): Promise<string> => {
    const code = await codeFor(identifier);
    const r = await app.inject({ method: 'POST', url: '/resident/auth/verify', payload: { identifier, code } });
    expect(r.statusCode).toBe(200);
    return (r.json() as { accessToken: string }).accessToken;
  };
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const fhir = async <T>(url: string): Promise<T> =>
    (await app.inject({ method: 'GET', url, headers: as(leadToken) })).json() as T;

  it('signs a resident in with a one-time code from the log, once, and never reveals who exists', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: '/resident/auth/code',
      payload: { identifier: 'SYN-999999' },
    });
    expect(unknown.statusCode).toBe(202);
    expect(log.some((l) => l.includes('SYN-999999'))).toBe(false);

    const code = await codeFor('SYN-000002');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await app.inject({
      method: 'POST',
      url: '/resident/auth/verify',
      payload: { identifier: 'SYN-000002', code: code === '000000' ? '000001' : '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/resident/auth/verify',
      payload: { identifier: 'SYN-000002', code },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      patientId: 'resident-00002',
      name: expect.stringMatching(/\S+ \S+/),
      language: expect.stringMatching(/^(fi|sv)$/),
    });
    const again = await app.inject({
      method: 'POST',
      url: '/resident/auth/verify',
      payload: { identifier: 'SYN-000002', code },
    });
    expect(again.statusCode).toBe(401);
    // A resident token opens the resident API only.
    const token = (ok.json() as { accessToken: string }).accessToken;
    expect((await app.inject({ method: 'GET', url: '/fhir/Task', headers: as(token) })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/resident/api/contacts', headers: as(staffToken) })).statusCode,
    ).toBe(401);
  });

  it('gives one code per identifier per 30 seconds, however often it is asked', async () => {
    const first = await codeFor('SYN-000010');
    log.length = 0;
    const again = await app.inject({
      method: 'POST',
      url: '/resident/auth/code',
      payload: { identifier: 'SYN-000010' },
    });
    expect(again.statusCode).toBe(202);
    expect(log).toEqual([]);
    const ok = await app.inject({
      method: 'POST',
      url: '/resident/auth/verify',
      payload: { identifier: 'SYN-000010', code: first },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('stops guessing after five wrong codes', async () => {
    const code = await codeFor('SYN-000003');
    for (let i = 0; i < 5; i += 1) {
      await app.inject({
        method: 'POST',
        url: '/resident/auth/verify',
        payload: { identifier: 'SYN-000003', code: String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0') },
      });
    }
    const right = await app.inject({
      method: 'POST',
      url: '/resident/auth/verify',
      payload: { identifier: 'SYN-000003', code },
    });
    expect(right.statusCode).toBe(401);
  });

  it('slows down one address that asks codes for, or guesses at, many identifiers', async () => {
    // Its own address: the limit is per client address, and the other tests share 127.0.0.1.
    const from = { remoteAddress: '192.0.2.7' };
    const codes = [];
    for (let i = 0; i <= perAddress.codes; i += 1) {
      codes.push(
        await app.inject({
          method: 'POST',
          url: '/resident/auth/code',
          payload: { identifier: `SYN-9${String(i).padStart(5, '0')}` },
          ...from,
        }),
      );
    }
    expect(codes.slice(0, perAddress.codes).every((r) => r.statusCode === 202)).toBe(true);
    const refused = codes.at(-1)!;
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'throttled' }] });
    // Another address is not affected.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/resident/auth/code',
          payload: { identifier: 'SYN-999998' },
          remoteAddress: '192.0.2.8',
        })
      ).statusCode,
    ).toBe(202);
    let verify = 0;
    for (let i = 0; i <= perAddress.tries; i += 1) {
      verify = (
        await app.inject({
          method: 'POST',
          url: '/resident/auth/verify',
          payload: { identifier: 'SYN-999998', code: '000000' },
          ...from,
        })
      ).statusCode;
    }
    expect(verify).toBe(429);
  });

  it('a red-flag self-assessment becomes an emergency item with the advice to call 112, once however often it is sent', async () => {
    const token = await signIn('SYN-000004');
    const requestId = randomUUID();
    const payload = {
      requestId,
      questionnaire: 'respiratory-infection',
      language: 'sv',
      answers: { ...calm, 'breathing-difficulty': true },
    };
    const first = await app.inject({
      method: 'POST',
      url: '/resident/api/self-assessments',
      headers: as(token),
      payload,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      taskId: requestId,
      urgency: 'P0',
      redFlag: 'call-112',
      reasons: ['breathing-difficulty'],
    });
    const retry = await app.inject({
      method: 'POST',
      url: '/resident/api/self-assessments',
      headers: as(token),
      payload,
    });
    expect(retry.json()).toMatchObject({ taskId: requestId, urgency: 'P0' });

    const task = await fhir<Task>(`/fhir/Task/${requestId}`);
    expect(task.meta?.versionId).toBe('1');
    expect(taskUrgency(task)).toBe('P0');
    expect(task.extension).toContainEqual({ url: 'urn:kaari:fhir:service-language', valueCode: 'sv' });
    const qr = await fhir<QuestionnaireResponse>(`/fhir/${task.focus?.reference}`);
    expect(qr).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      language: 'sv',
      subject: { reference: 'Patient/resident-00004' },
    });
    expect(qr.item?.find((i) => i.linkId === 'breathing-difficulty')?.answer?.[0]?.valueBoolean).toBe(true);
  });

  it('rejects bad answers with the reason and creates nothing', async () => {
    const token = await signIn('SYN-000005');
    const requestId = randomUUID();
    const r = await app.inject({
      method: 'POST',
      url: '/resident/api/self-assessments',
      headers: as(token),
      payload: {
        requestId,
        questionnaire: 'respiratory-infection',
        language: 'fi',
        answers: { ...calm, temperature: 55 },
      },
    });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('temperature');
    expect(
      (await app.inject({ method: 'GET', url: `/fhir/Task/${requestId}`, headers: as(staffToken) })).statusCode,
    ).toBe(404);
    const contacts = (
      await app.inject({ method: 'GET', url: '/resident/api/contacts', headers: as(token) })
    ).json() as unknown[];
    expect(contacts.length).toBe(
      (await fhir<{ total?: number }>('/fhir/Task?patient=Patient/resident-00005&_count=0')).total ?? contacts.length,
    );
  });

  it('chats both ways: resident messages apply once, staff replies show up, read receipts come back', async () => {
    const token = await signIn('SYN-000006');
    const requestId = randomUUID();
    const start = await app.inject({
      method: 'POST',
      url: '/resident/api/chats',
      headers: as(token),
      payload: { requestId, text: 'Saanko kysyä rokotuksista?', language: 'fi' },
    });
    expect(start.json()).toEqual({ taskId: requestId });
    const messageId = randomUUID();
    for (let i = 0; i < 2; i += 1) {
      const sent = await app.inject({
        method: 'POST',
        url: `/resident/api/chats/${requestId}/messages`,
        headers: as(token),
        payload: { messageId, text: 'Onko influenssarokote jo saatavilla?' },
      });
      expect(sent.statusCode).toBe(200);
    }
    // The nurse takes the chat, then answers in her own name.
    const claimed = await app.inject({
      method: 'POST',
      url: `/fhir/Task/${requestId}/$claim`,
      headers: as(staffToken),
      payload: {},
    });
    expect(claimed.statusCode).toBe(200);
    const reply = chatCommunication({
      id: randomUUID(),
      taskId: requestId,
      patientId: 'resident-00006',
      from: { practitionerId: 'staff-nurse-aino' },
      text: 'On, varaa aika.',
      language: 'fi',
      sent: new Date().toISOString(),
    });
    const put = await app.inject({
      method: 'PUT',
      url: `/fhir/Communication/${reply.id}`,
      headers: { ...as(staffToken), 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(reply),
    });
    expect(put.statusCode).toBe(201);

    const thread = (
      await app.inject({ method: 'GET', url: `/resident/api/chats/${requestId}`, headers: as(token) })
    ).json() as { messages: { from: string; text: string; read: string | null }[] };
    expect(thread.messages.map((m) => [m.from, m.text])).toEqual([
      ['resident', 'Saanko kysyä rokotuksista?'],
      ['resident', 'Onko influenssarokote jo saatavilla?'],
      ['staff', 'On, varaa aika.'],
    ]);
    const listed = (await app.inject({ method: 'GET', url: '/resident/api/contacts', headers: as(token) })).json() as {
      taskId: string;
      messages: number;
      unread: number;
    }[];
    expect(listed.find((c) => c.taskId === requestId)).toMatchObject({ messages: 3, unread: 1 });
    const read = await app.inject({ method: 'POST', url: `/resident/api/chats/${requestId}/read`, headers: as(token) });
    expect(read.json()).toEqual({ read: 1 });
    expect((await fhir<Communication>(`/fhir/Communication/${reply.id}`)).received).toBeTruthy();
    const after = (await app.inject({ method: 'GET', url: '/resident/api/contacts', headers: as(token) })).json() as {
      taskId: string;
      unread: number;
    }[];
    expect(after.find((c) => c.taskId === requestId)?.unread).toBe(0);

    // A photo in the chat is a Media (reviewed like any photo) that the message points to.
    const photoId = randomUUID();
    const photo = await app.inject({
      method: 'POST',
      url: `/resident/api/chats/${requestId}/photos`,
      headers: as(token),
      payload: { messageId: photoId, contentType: 'image/png', dataBase64: png, description: '' },
    });
    expect(photo.statusCode).toBe(200);
    const withPhoto = (
      await app.inject({ method: 'GET', url: `/resident/api/chats/${requestId}`, headers: as(token) })
    ).json() as { messages: { id: string; attachment: string | null }[] };
    expect(withPhoto.messages.find((m) => m.id === photoId)?.attachment).toBe(`Media/media-${photoId}`);
    expect(
      (await app.inject({ method: 'GET', url: `/fhir/Media/media-${photoId}`, headers: as(staffToken) })).statusCode,
    ).toBe(200);
    // She sees her own photo: its thumbnail, with her token, and that read is audited as hers.
    const thumbnail = await app.inject({
      method: 'GET',
      url: `/resident/api/photos/media-${photoId}/thumbnail`,
      headers: as(token),
    });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBe(16);

    // The resident's own reads are in the access log too, with the resident as the one who read.
    const lead = (
      await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: 'leena', password: 'kaari-demo', deviceId: 'd' },
      })
    ).json() as { accessToken: string };
    const audits = (
      await app.inject({ method: 'GET', url: '/fhir/AuditEvent?_count=500', headers: as(lead.accessToken) })
    ).json() as {
      entry?: {
        resource: { agent: { who?: { reference?: string } }[]; entity?: { what?: { reference?: string } }[] };
      }[];
    };
    const mine = (audits.entry ?? [])
      .map((e) => e.resource)
      .filter((a) => a.agent[0]?.who?.reference === 'Patient/resident-00006');
    expect(mine.some((a) => a.entity?.some((x) => x.what?.reference === `Communication/${reply.id}`))).toBe(true);
    expect(mine.some((a) => a.entity?.some((x) => x.what?.reference === `Media/media-${photoId}`))).toBe(true);

    // Another resident cannot read or write this conversation.
    const other = await signIn('SYN-000007');
    expect(
      (await app.inject({ method: 'GET', url: `/resident/api/chats/${requestId}`, headers: as(other) })).statusCode,
    ).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/resident/api/chats/${requestId}/messages`,
          headers: as(other),
          payload: { messageId: randomUUID(), text: 'hei' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/resident/api/photos/media-${photoId}/thumbnail`, headers: as(other) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/resident/api/photos/media-nonexistent/thumbnail', headers: as(token) }))
        .statusCode,
    ).toBe(404);
  });

  it('takes photos, measurements, callbacks and consent decisions, each into the queue', async () => {
    const token = await signIn('SYN-000008');
    const bad = await app.inject({
      method: 'POST',
      url: '/resident/api/photos',
      headers: as(token),
      payload: {
        requestId: randomUUID(),
        description: 'ihottuma',
        contentType: 'image/png',
        dataBase64: Buffer.from('not a picture').toString('base64'),
        language: 'fi',
      },
    });
    expect(bad.statusCode).toBe(400);
    const photo = await app.inject({
      method: 'POST',
      url: '/resident/api/photos',
      headers: as(token),
      payload: {
        requestId: randomUUID(),
        description: 'ihottuma kyynärpäässä',
        contentType: 'image/png',
        dataBase64: png,
        language: 'fi',
      },
    });
    expect(photo.statusCode).toBe(200);
    const measurement = await app.inject({
      method: 'POST',
      url: '/resident/api/measurements',
      headers: as(token),
      payload: { requestId: randomUUID(), kind: 'blood-pressure', systolic: 152, diastolic: 95, language: 'fi' },
    });
    expect(measurement.statusCode).toBe(200);
    const callback = await app.inject({
      method: 'POST',
      url: '/resident/api/callbacks',
      headers: as(token),
      payload: { requestId: randomUUID(), phone: '+358 40 000 0000', reason: 'Reseptin uusinta', language: 'fi' },
    });
    expect(callback.statusCode).toBe(200);
    const kinds = (
      (await app.inject({ method: 'GET', url: '/resident/api/contacts', headers: as(token) })).json() as {
        kind: string;
        status: string;
      }[]
    )
      .filter((c) => c.status === 'waiting')
      .map((c) => c.kind);
    expect(kinds).toEqual(expect.arrayContaining(['photo', 'measurement', 'callback']));
    const media = await fhir<{ entry?: { resource: { content: { url?: string } } }[] }>(
      '/fhir/Media?patient=Patient/resident-00008',
    );
    expect(media.entry?.some((e) => e.resource.content.url?.startsWith('Binary/'))).toBe(true);

    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/resident/api/consent',
          headers: as(token),
          payload: { decision: 'permit' },
        })
      ).json(),
    ).toEqual({ decision: 'given' });
    await new Promise((r) => setTimeout(r, 5));
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/resident/api/consent',
          headers: as(token),
          payload: { decision: 'deny' },
        })
      ).json(),
    ).toEqual({ decision: 'withdrawn' });
    expect((await app.inject({ method: 'GET', url: '/resident/api/consent', headers: as(token) })).json()).toEqual({
      decision: 'withdrawn',
    });
  });

  it('shows her the self-care plans she was given in signed records, newest first, and only hers', async () => {
    const lead = { id: 'staff-lead-leena', name: 'Leena Korhonen', profession: 'nurse' as const };
    const signed = async (id: string, at: string, planKind: 'self-care' | 'appointment', planText: string) => {
      const ctx: DraftContext = {
        kind: 'care-need-assessment',
        taskId: `t-${id}`,
        residentId: 'resident-00009',
        residentBirthDate: '1980-03-01',
        contactAt: at,
        author: lead,
        startedAt: at,
        fields: {
          reasonText: 'Nuha ja kurkkukipu',
          reasonCode: 'R74',
          urgency: 'P5',
          assessmentText: 'Ei kiireellinen',
          planKind,
          planWithinDays: 7,
          careGivenInSameContact: true,
          planText,
          followUp: 'Ota yhteyttä, jos kuume nousee yli 39 asteen.',
          history: 'Kolme päivää',
          currentState: 'Hyvä',
          contactMode: 'message',
          serviceType: 'T11',
        },
        assessedAt: at,
        history: [],
        cosign: null,
        signed: { at, by: lead },
        blockedBy: [],
      };
      const entries = signedRecordEntries(
        ctx,
        {
          encounter: `e-${id}`,
          composition: `c-${id}`,
          condition: `d-${id}`,
          observation: `o-${id}`,
          carePlan: `p-${id}`,
        },
        { resourceType: 'Task', id: `t-${id}`, status: 'in-progress', intent: 'order' },
      );
      const composition = entries.find((e) => e.resource?.resourceType === 'Composition')?.resource;
      const put = await app.inject({
        method: 'PUT',
        url: `/fhir/Composition/c-${id}`,
        headers: { ...as(leadToken), 'content-type': 'application/fhir+json' },
        payload: JSON.stringify(composition),
      });
      expect(put.statusCode).toBe(201);
    };
    const id = randomUUID().slice(0, 8);
    await signed(`${id}-1`, '2026-11-20T08:00:00.000Z', 'self-care', 'Lepää ja juo runsaasti.');
    await signed(`${id}-2`, '2026-11-28T08:00:00.000Z', 'self-care', 'Kuumelääkettä tarvittaessa.');
    await signed(`${id}-3`, '2026-11-29T08:00:00.000Z', 'appointment', 'Vastaanotolle viikon sisällä.');
    const token = await signIn('SYN-000009');
    const plans = (await app.inject({ method: 'GET', url: '/resident/api/care-plans', headers: as(token) })).json() as {
      id: string;
      advice: string;
      reason: string;
      followUp: string;
      professional: string;
      signedAt: string;
    }[];
    expect(plans.map((p) => p.advice)).toEqual(['Kuumelääkettä tarvittaessa.', 'Lepää ja juo runsaasti.']);
    expect(plans[0]).toMatchObject({
      reason: 'Nuha ja kurkkukipu',
      followUp: 'Ota yhteyttä, jos kuume nousee yli 39 asteen.',
      professional: 'Leena Korhonen',
      signedAt: '2026-11-28T08:00:00.000Z',
    });
    const other = await signIn('SYN-000010');
    const theirs = (
      await app.inject({ method: 'GET', url: '/resident/api/care-plans', headers: as(other) })
    ).json() as { id: string }[];
    expect(theirs.some((p) => p.id.includes(id))).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/resident/api/care-plans' })).statusCode).toBe(401);
  });
});
