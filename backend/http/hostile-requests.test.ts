import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLogPath } from '../../shared/protocol/access-log';
import { breakGlassPath } from '../../shared/protocol/access';
import { cacheKeyPath } from '../../shared/protocol/cache-key';
import { migrateBackend } from '../db/migrations';
import { createPgliteDb } from '../db/pglite-db';
import type { Db } from '../db/db';
import { ResourceStore } from '../fhir/store';
import { generateCounty } from '../seed/demo-county';
import { seedDemo } from '../seed/seed';
import { buildBackend } from '../server';

/**
 * 10,000+ hostile requests against the whole backend (every route family, a real embedded
 * PostgreSQL behind it): the root causes of the 500s found in issue #16, and random mutations of
 * valid requests (paths, query parameters, headers, JSON bodies). Not one answer may be a 5xx,
 * every JSON refusal is an OperationOutcome, and the backend answers /healthz afterwards.
 * KAARI_FUZZ_SEED replays a run (the seed is in every failure message); KAARI_FUZZ_CASES sets how
 * many mutations; KAARI_FUZZ_COSTS=1 prints where the time went. A request unanswered after 5 s is
 * printed while it waits, so a hang names itself.
 */
const seed = Number(process.env.KAARI_FUZZ_SEED ?? 16_2026);
const mutations = Number(process.env.KAARI_FUZZ_CASES ?? 9_000);

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(s: number) {
  let a = s >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

type Request = Omit<InjectOptions, 'headers'> & {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: string;
};

const fhirType = 'application/fhir+json';
const jsonType = 'application/json';
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Values that broke the backend before, and their relatives. */
const hostileSegments = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '%00',
  'a%00b',
  '%C0%80',
  '%ED%A0%80',
  '%ff',
  '%',
  '%2e%2e',
  '..',
  '.',
  '%2F',
  'abc',
  '1.5',
  '-1',
  '0',
  '99999999999',
  '9223372036854775807',
  '1e309',
  'NaN',
  'Infinity',
  ' ',
  '%20',
  'x'.repeat(300),
  'ä',
  '😀',
  '%F0%9F%98%80',
  '$claim',
  '_history',
  'metadata',
  '_search',
];
const hostileNames = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  '_count',
  '_offset',
  '_sort',
  '_lastUpdated',
  '_id',
  'status',
  'identifier',
  'patient',
  'subject',
  'after',
  'limit',
  'a%00',
  '',
  '%ff',
  '_format',
  '_total',
  'owner',
  'focus',
  'priority',
  'x'.repeat(500),
];
const hostileValues = [
  '1e309',
  '9223372036854775807',
  '-5',
  '-1',
  '0',
  '1.5',
  'abc',
  'NaN',
  '%00',
  'a%00b',
  '%ED%A0%80',
  'ge+275760-09-13',
  'ge275760-09-13',
  'le-271821-04-20',
  'eb2026-01-01',
  'sa2026',
  'ap2026-12-01',
  'gt0000-00-00',
  '2026-13-45',
  '2026-12-01T25:61:00Z',
  'ge',
  '',
  ',',
  ',,,',
  'Patient/',
  '/',
  'system|value',
  '|value',
  'system|',
  '|',
  'x'.repeat(5000),
  '😀',
  'constructor',
  '__proto__',
  '[]',
  '{}',
  'null',
  '%ff',
  "'; DROP TABLE resource; --",
];
const hostileJsonValues: string[] = [
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  '9223372036854775807',
  '1.5',
  '""',
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\ud800"',
  '"\\udc00x"',
  '"\\ud800\\ud800"',
  '[]',
  '{}',
  '[null]',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `"${'x'.repeat(100_000)}"`,
  nested(200),
  nestedObject(200),
  '"9999-99-99"',
  '"+275760-09-13T00:00:00Z"',
  '"Patient/"',
  '"constructor"',
  '{"reference":123}',
  '[1,2,3]',
  '"\\\\"',
];
const hostileBodies: string[] = [
  '',
  ' ',
  'null',
  'nul',
  '{',
  '[',
  '{"a":',
  '"text"',
  '42',
  'true',
  '[]',
  '[null]',
  '{}',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  nested(100_000),
  nestedObject(20_000),
  '{"__proto__":{}}',
  'x'.repeat(10_000),
];
const contentTypes = [
  fhirType,
  jsonType,
  `${fhirType}; charset=utf-8`,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/fhir+json; charset=latin1',
  '',
  'application/json-patch+json',
];

interface Fixture {
  staff: Record<string, string>;
  /** The resident whose requests create things… */
  resident: string;
  patientId: string;
  taskId: string;
  /** …and one who mostly reads, so reads do not slow down as the writer's record grows to thousands of contacts. */
  reader: string;
  readerPatientId: string;
  readerTask: string;
  otherTask: string;
  appointmentId: string;
  photoBase64: string;
}

/** Valid requests of every route family; each is the start of many mutations. */
function validRequests(f: Fixture): ((pick: ReturnType<typeof prng>) => Request)[] {
  const staff = (user = 'aino') => ({ authorization: `Bearer ${f.staff[user]}` });
  const fhir = (user = 'aino') => ({ ...staff(user), 'content-type': fhirType });
  const resident = () => ({ authorization: `Bearer ${f.resident}`, 'content-type': jsonType });
  const reader = () => ({ authorization: `Bearer ${f.reader}`, 'content-type': jsonType });
  const json = (value: unknown) => JSON.stringify(value);
  const patient = {
    resourceType: 'Patient',
    name: [{ given: ['Fuzz'], family: 'Testi' }],
    identifier: [{ system: 'urn:kaari:synthetic-resident', value: 'SYN-FUZZ' }],
  };
  const observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'x' },
    subject: { reference: `Patient/${f.patientId}` },
  };
  return [
    () => ({ method: 'GET', url: '/healthz' }),
    () => ({ method: 'GET', url: '/fhir/metadata' }),
    (r) => ({
      method: 'GET',
      url: `/fhir/Task?status=requested&_count=${r.int(20)}&_offset=${r.int(5)}&_sort=-_lastUpdated`,
      headers: staff(r.pick(['aino', 'leena', 'antti', 'eero'])),
    }),
    () => ({
      method: 'GET',
      url: `/fhir/Patient?identifier=SYN-000002&_lastUpdated=ge2020-01-01`,
      headers: staff('leena'),
    }),
    () => ({ method: 'GET', url: `/fhir/Observation?patient=${f.readerPatientId}`, headers: staff('eero') }),
    () => ({ method: 'GET', url: `/fhir/Patient/${f.readerPatientId}`, headers: staff('leena') }),
    () => ({ method: 'GET', url: `/fhir/Patient/${f.readerPatientId}/_history`, headers: staff('leena') }),
    () => ({ method: 'GET', url: `/fhir/Patient/${f.readerPatientId}/_history/1`, headers: staff('leena') }),
    () => ({ method: 'GET', url: `/fhir/Task/_history?_count=5`, headers: staff('leena') }),
    () => ({ method: 'POST', url: '/fhir/Patient', headers: fhir('leena'), payload: json(patient) }),
    () => ({
      method: 'POST',
      url: '/fhir/Observation',
      headers: { ...fhir('eero'), 'if-none-exist': 'patient=x' },
      payload: json(observation),
    }),
    () => ({
      method: 'PUT',
      url: `/fhir/Observation/${randomUUID()}`,
      headers: { ...fhir('eero'), 'if-match': 'W/"1"' },
      payload: json(observation),
    }),
    () => ({ method: 'DELETE', url: `/fhir/Observation/${randomUUID()}`, headers: staff('eero') }),
    () => ({
      method: 'POST',
      url: '/fhir',
      headers: { ...fhir('eero'), 'idempotency-key': randomUUID() },
      payload: json({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [{ fullUrl: 'urn:uuid:1', resource: observation, request: { method: 'POST', url: 'Observation' } }],
      }),
    }),
    (r) => ({ method: 'POST', url: `/fhir/Task/${r.pick([f.taskId, f.otherTask])}/$claim`, headers: staff('aino') }),
    () => ({ method: 'GET', url: '/sync/changes?after=0&limit=20', headers: staff() }),
    () => ({ method: 'GET', url: '/sync/scope', headers: staff() }),
    () => ({ method: 'GET', url: `/sync/residents/${f.readerPatientId}`, headers: staff('leena') }),
    () => ({
      method: 'POST',
      url: accessLogPath,
      headers: { ...staff(), 'content-type': jsonType },
      payload: json({
        entries: [
          { id: randomUUID(), at: new Date().toISOString(), action: 'read', references: [`Patient/${f.patientId}`] },
        ],
      }),
    }),
    () => ({
      method: 'POST',
      url: breakGlassPath,
      headers: { ...staff('eero'), 'content-type': jsonType },
      payload: json({ resident: 'SYN-000003', reason: 'Päivystyksen konsultaatio, potilas paikalla.' }),
    }),
    () => ({ method: 'GET', url: breakGlassPath, headers: staff('leena') }),
    () => ({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': jsonType },
      payload: json({ username: 'aino', password: 'x', deviceId: 123 }),
    }),
    () => ({
      method: 'POST',
      url: cacheKeyPath,
      headers: { ...staff(), 'content-type': jsonType },
      payload: json({ salt: 'c2FsdHNhbHRzYWx0c2FsdA' }),
    }),
    () => ({
      method: 'POST',
      url: '/auth/refresh',
      headers: { 'content-type': jsonType },
      payload: json({ refreshToken: 'x'.repeat(43) }),
    }),
    () => ({
      method: 'POST',
      url: '/auth/logout',
      headers: { 'content-type': jsonType },
      payload: json({ refreshToken: 'x'.repeat(43) }),
    }),
    () => ({
      method: 'POST',
      url: '/resident/auth/code',
      headers: { 'content-type': jsonType },
      payload: json({ identifier: 'SYN-000002' }),
    }),
    () => ({
      method: 'POST',
      url: '/resident/auth/verify',
      headers: { 'content-type': jsonType },
      payload: json({ identifier: 'SYN-000002', code: '123456' }),
    }),
    () => ({ method: 'GET', url: '/resident/api/contacts', headers: reader() }),
    () => ({
      method: 'POST',
      url: '/resident/api/self-assessments',
      headers: resident(),
      payload: json({
        requestId: randomUUID(),
        questionnaire: 'respiratory-infection',
        language: 'fi',
        answers: { cough: true, temperature: 37.5 },
      }),
    }),
    () => ({
      method: 'POST',
      url: '/resident/api/callbacks',
      headers: resident(),
      payload: json({ requestId: randomUUID(), phone: '+358 40 123 4567', reason: 'Soittakaa', language: 'fi' }),
    }),
    () => ({
      method: 'POST',
      url: '/resident/api/measurements',
      headers: resident(),
      payload: json({ requestId: randomUUID(), kind: 'blood-pressure', systolic: 130, diastolic: 85, language: 'fi' }),
    }),
    () => ({ method: 'GET', url: '/resident/api/consent', headers: reader() }),
    (r) => ({
      method: 'PUT',
      url: '/resident/api/consent',
      headers: resident(),
      payload: json({ decision: r.pick(['permit', 'deny']) }),
    }),
    () => ({
      method: 'POST',
      url: '/resident/api/chats',
      headers: resident(),
      payload: json({ requestId: randomUUID(), text: 'Hei', language: 'fi' }),
    }),
    () => ({ method: 'GET', url: `/resident/api/chats/${f.readerTask}`, headers: reader() }),
    () => ({
      method: 'POST',
      url: `/resident/api/chats/${f.taskId}/messages`,
      headers: resident(),
      payload: json({ messageId: randomUUID(), text: 'Lisää' }),
    }),
    () => ({ method: 'POST', url: `/resident/api/chats/${f.readerTask}/read`, headers: reader(), payload: json({}) }),
    () => ({ method: 'GET', url: '/resident/api/access-log', headers: reader() }),
    () => ({ method: 'GET', url: '/resident/api/video/visits', headers: reader() }),
    () => ({ method: 'GET', url: '/resident/api/video/ice-servers', headers: resident() }),
    () => ({
      method: 'POST',
      url: '/video/visits',
      headers: { ...staff('aino'), 'content-type': jsonType },
      payload: json({ taskId: f.taskId }),
    }),
    () => ({
      method: 'POST',
      url: `/video/visits/${f.appointmentId}/invitations`,
      headers: { ...staff('aino'), 'content-type': jsonType },
      payload: json({}),
    }),
    () => ({ method: 'POST', url: `/video/visits/${f.appointmentId}/end`, headers: staff('aino') }),
    () => ({ method: 'GET', url: '/video/ice-servers', headers: staff('aino') }),
    () => ({ method: 'GET', url: '/r' }),
  ];
}

/**
 * Requests that cost real CPU (photos are decoded and re-encoded by sharp; a sign-in verifies an
 * argon2 hash): far fewer of them, or the run takes minutes.
 */
function costlyRequests(f: Fixture): ((pick: ReturnType<typeof prng>) => Request)[] {
  const resident = { authorization: `Bearer ${f.resident}`, 'content-type': jsonType };
  return [
    (r) => ({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': jsonType },
      payload: JSON.stringify({
        username: r.pick(['aino', 'nobody']),
        password: r.pick(['kaari-demo', 'wrong']),
        deviceId: 'fuzz',
      }),
    }),
    () => ({
      method: 'POST',
      url: '/resident/api/photos',
      headers: resident,
      payload: JSON.stringify({
        requestId: randomUUID(),
        description: 'Ihottuma',
        dataBase64: f.photoBase64,
        language: 'fi',
      }),
    }),
    () => ({
      method: 'POST',
      url: `/resident/api/chats/${f.taskId}/photos`,
      headers: resident,
      payload: JSON.stringify({ messageId: randomUUID(), description: 'Kuva', dataBase64: f.photoBase64 }),
    }),
    () => ({
      method: 'POST',
      url: `/video/visits/${f.appointmentId}/snapshot`,
      headers: { authorization: `Bearer ${f.staff.aino}`, 'content-type': jsonType },
      payload: JSON.stringify({ requestId: randomUUID(), dataBase64: f.photoBase64 }),
    }),
  ];
}

/** The exact inputs of the issue's 814 500s, each against the route it broke. */
function rootCauses(f: Fixture): Request[] {
  const staff = { authorization: `Bearer ${f.staff.leena}` };
  const fhir = { ...staff, 'content-type': fhirType };
  const resident = { authorization: `Bearer ${f.resident}`, 'content-type': jsonType };
  const out: Request[] = [];
  for (const name of [
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
    '__defineSetter__',
    'propertyIsEnumerable',
  ]) {
    for (const type of ['Task', 'Patient', 'Observation', 'Communication', 'AuditEvent', 'Binary'])
      out.push({ method: 'GET', url: `/fhir/${type}?${name}=1`, headers: staff });
    out.push({
      method: 'POST',
      url: '/fhir/Patient',
      headers: { ...fhir, 'if-none-exist': `${name}=1` },
      payload: JSON.stringify({ resourceType: 'Patient' }),
    });
    out.push(
      { method: 'GET', url: `/fhir/Task?_sort=${name}`, headers: staff },
      { method: 'GET', url: `/fhir/Task?_sort=-${name}`, headers: staff },
      { method: 'GET', url: `/fhir/Task?status:${name}=x`, headers: staff },
    );
    out.push(
      { method: 'GET', url: `/fhir/${name}`, headers: staff },
      { method: 'GET', url: `/fhir/${name}/x`, headers: staff },
      { method: 'GET', url: `/sync/changes?${name}=1`, headers: staff },
    );
  }
  for (const nul of ['%00', 'a%00', '%00%00']) {
    out.push(
      { method: 'GET', url: `/fhir/Patient/${nul}`, headers: staff },
      { method: 'GET', url: `/fhir/Task?status=${nul}`, headers: staff },
      { method: 'GET', url: `/fhir/Patient?identifier=${nul}`, headers: staff },
    );
    out.push(
      { method: 'GET', url: `/sync/residents/${nul}`, headers: staff },
      { method: 'GET', url: `/resident/api/chats/${nul}`, headers: resident },
      { method: 'POST', url: `/fhir/Task/${nul}/$claim`, headers: staff },
    );
  }
  out.push({
    method: 'POST',
    url: '/fhir/Patient',
    headers: { ...fhir, 'if-none-exist': 'identifier=a%00' },
    payload: JSON.stringify({ resourceType: 'Patient' }),
  });
  for (const text of ['"\\u0000"', '"x\\u0000y"', '"\\ud800"', '"\\udfff"', '"a\\ud800b"']) {
    out.push({
      method: 'POST',
      url: '/fhir/Patient',
      headers: fhir,
      payload: `{"resourceType":"Patient","name":[{"family":${text}}]}`,
    });
    out.push({ method: 'POST', url: '/fhir/Patient', headers: fhir, payload: `{"resourceType":"Patient",${text}:1}` });
    out.push({
      method: 'POST',
      url: '/resident/api/chats',
      headers: resident,
      payload: `{"requestId":"${randomUUID()}","text":${text},"language":"fi"}`,
    });
    out.push({
      method: 'POST',
      url: breakGlassPath,
      headers: { authorization: `Bearer ${f.staff.eero}`, 'content-type': jsonType },
      payload: `{"resident":${text},"reason":"Päivystyksen konsultaatio ${text}"}`,
    });
  }
  for (const type of [fhirType, jsonType]) {
    for (const body of ['', 'null', '{', 'not json', '[]', '"x"', '1']) {
      out.push({ method: 'POST', url: '/fhir', headers: { ...staff, 'content-type': type }, payload: body });
      out.push({ method: 'POST', url: '/fhir/Patient', headers: { ...staff, 'content-type': type }, payload: body });
      out.push({
        method: 'PUT',
        url: `/fhir/Patient/${f.readerPatientId}`,
        headers: { ...staff, 'content-type': type },
        payload: body,
      });
      out.push({
        method: 'POST',
        url: `/fhir/Task/${f.taskId}/$claim`,
        headers: { authorization: `Bearer ${f.staff.aino}`, 'content-type': type },
        payload: body,
      });
      out.push({ method: 'POST', url: '/auth/login', headers: { 'content-type': type }, payload: body });
      out.push({
        method: 'POST',
        url: '/resident/api/chats',
        headers: { ...resident, 'content-type': type },
        payload: body,
      });
    }
  }
  const bundle = (rest: string) => `{"resourceType":"Bundle","type":"transaction",${rest}}`;
  for (const rest of [
    '"entry":{}',
    '"entry":[null]',
    '"entry":[1]',
    '"entry":["x"]',
    '"entry":[{}]',
    '"entry":[{"request":null}]',
    '"entry":[{"request":{"url":123,"method":"POST"}}]',
    '"entry":[{"request":{"url":"Patient","method":7}}]',
    '"entry":[{"request":{"url":"","method":"POST"}}]',
    '"entry":[{"request":{"url":"Patient","method":"POST"},"resource":null}]',
    '"entry":[{"request":{"url":"Patient","method":"POST"},"resource":[]}]',
    '"entry":[{"request":{"url":"Patient/%00","method":"PUT"},"resource":{"resourceType":"Patient"}}]',
    '"entry":[{"request":{"url":"constructor/x","method":"DELETE"}}]',
    '"entry":[{"request":{"url":"Patient?constructor=1","method":"POST","ifNoneExist":"constructor=1"},"resource":{"resourceType":"Patient"}}]',
    '"entry":[{"fullUrl":7,"request":{"url":"Patient","method":"POST"},"resource":{"resourceType":"Patient"}}]',
    '"entry":[{"request":{"url":"Patient/x","method":"PUT","ifMatch":7},"resource":{"resourceType":"Patient","id":"x"}}]',
  ]) {
    out.push({ method: 'POST', url: '/fhir', headers: fhir, payload: bundle(rest) });
  }
  out.push(
    { method: 'POST', url: '/fhir', headers: fhir, payload: '{"resourceType":"Bundle","type":7}' },
    { method: 'POST', url: '/fhir', headers: fhir, payload: '{"resourceType":"Bundle"}' },
  );
  for (const vid of ['abc', '1.5', '99999999999', '0', '-1', '1e309', '9223372036854775807', '%00', 'constructor'])
    out.push({ method: 'GET', url: `/fhir/Patient/${f.patientId}/_history/${vid}`, headers: staff });
  for (const value of ['1e309', '9223372036854775807', '-5', '1.5', 'abc', '99999999999999999999']) {
    out.push(
      { method: 'GET', url: `/fhir/Task?_offset=${value}`, headers: staff },
      { method: 'GET', url: `/fhir/Task?_count=${value}`, headers: staff },
      { method: 'GET', url: `/fhir/Task/_history?_count=${value}`, headers: staff },
    );
    out.push(
      { method: 'GET', url: `/sync/changes?after=${value}`, headers: staff },
      { method: 'GET', url: `/sync/changes?limit=${value}`, headers: staff },
    );
  }
  for (const date of [
    'ge+275760-09-13',
    'le-271821-04-20',
    'ge275760-09-13',
    'gt+275760-09-13T00:00:00Z',
    'eq9999-12-31T23:59:59.999Z',
    'ge0000-01-01',
    'lt-000001-01-01',
    'ge+010000-01-01',
  ])
    out.push({ method: 'GET', url: `/fhir/Task?_lastUpdated=${encodeURIComponent(date)}`, headers: staff });
  // The same request id across the photo and contact endpoints: a clear 4xx or a replay, never a unique violation.
  for (let i = 0; i < 3; i++) {
    const id = randomUUID();
    const at = { authorization: `Bearer ${f.resident}`, 'content-type': jsonType };
    out.push({
      method: 'POST',
      url: '/resident/api/chats',
      headers: at,
      payload: JSON.stringify({ requestId: id, text: 'Hei', language: 'fi' }),
    });
    out.push({
      method: 'POST',
      url: `/resident/api/chats/${f.taskId}/messages`,
      headers: at,
      payload: JSON.stringify({ messageId: id, text: 'Hei' }),
    });
    out.push({
      method: 'POST',
      url: `/resident/api/chats/${f.taskId}/photos`,
      headers: at,
      payload: JSON.stringify({ messageId: id, description: 'x', dataBase64: f.photoBase64 }),
    });
    out.push({
      method: 'POST',
      url: '/resident/api/photos',
      headers: at,
      payload: JSON.stringify({ requestId: id, description: 'x', dataBase64: f.photoBase64, language: 'fi' }),
    });
    out.push({
      method: 'POST',
      url: '/resident/api/callbacks',
      headers: at,
      payload: JSON.stringify({ requestId: id, phone: '0401234567', reason: 'x', language: 'fi' }),
    });
    out.push({
      method: 'POST',
      url: '/resident/api/measurements',
      headers: at,
      payload: JSON.stringify({ requestId: id, kind: 'glucose', glucose: 5, language: 'fi' }),
    });
    out.push({
      method: 'POST',
      url: '/resident/api/self-assessments',
      headers: at,
      payload: JSON.stringify({ requestId: id, questionnaire: 'respiratory-infection', language: 'fi', answers: {} }),
    });
    out.push({
      method: 'POST',
      url: `/video/visits/${f.appointmentId}/snapshot`,
      headers: { authorization: `Bearer ${f.staff.aino}`, 'content-type': jsonType },
      payload: JSON.stringify({ requestId: id, dataBase64: f.photoBase64 }),
    });
    // And the other way round: what the photo made first, the chat and contact endpoints meet after.
    out.push({
      method: 'POST',
      url: `/resident/api/chats/${f.otherTask}/photos`,
      headers: at,
      payload: JSON.stringify({ messageId: id, description: 'y', dataBase64: f.photoBase64 }),
    });
    out.push({
      method: 'POST',
      url: '/resident/api/chats',
      headers: at,
      payload: JSON.stringify({ requestId: id, text: 'Hei taas', language: 'fi' }),
    });
  }
  return out;
}

/** One random change to a valid request: its path, query, headers or JSON body. */
function mutate(request: Request, r: ReturnType<typeof prng>): Request {
  const [path = '', query = ''] = request.url.split('?');
  const headers: Record<string, string> = { ...request.headers };
  const out: Request = { ...request, headers };
  switch (r.int(7)) {
    case 0: {
      const segments = path.split('/');
      const at = 1 + r.int(Math.max(1, segments.length - 1));
      segments[at] = r.pick(hostileSegments);
      if (r.int(4) === 0) segments.push(r.pick(hostileSegments));
      out.url = `${segments.join('/')}${query ? `?${query}` : ''}`;
      break;
    }
    case 1: {
      const params = query ? query.split('&') : [];
      const added = `${r.pick(hostileNames)}=${r.pick(hostileValues)}`;
      if (params.length > 0 && r.int(2) === 0)
        params[r.int(params.length)] = `${(params[0] ?? '').split('=')[0]}=${r.pick(hostileValues)}`;
      else params.push(added);
      out.url = `${path}?${params.join('&')}`;
      break;
    }
    case 2: {
      const name = r.pick([
        'authorization',
        'content-type',
        'if-match',
        'if-none-exist',
        'idempotency-key',
        'x-request-id',
        'accept',
        'content-encoding',
      ]);
      headers[name] = r.pick([
        ...hostileValues.filter((v) => !v.includes('%')),
        'Bearer ',
        'Bearer x.y.z',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
        'W/"abc"',
        'W/"99999999999"',
        '*',
        'gzip',
        ...contentTypes,
      ]);
      break;
    }
    case 3:
      out.method = r.pick(['GET', 'POST', 'PUT', 'DELETE']);
      if (out.method !== 'GET' && out.method !== 'DELETE' && !out.payload) {
        out.payload = r.pick(hostileBodies);
        headers['content-type'] = r.pick(contentTypes);
      }
      break;
    case 4:
      out.payload = r.pick(hostileBodies);
      if (r.int(2) === 0) headers['content-type'] = r.pick(contentTypes);
      else headers['content-type'] ??= fhirType;
      if (out.method === 'GET' || out.method === 'DELETE') out.method = 'POST';
      break;
    default:
      out.payload = mutateJson(request.payload, r);
      headers['content-type'] ??= r.pick([fhirType, jsonType]);
      if (out.method === 'GET' || out.method === 'DELETE') out.method = r.pick(['POST', 'PUT']);
  }
  return out;
}

/** Replaces, removes or adds one value somewhere in a JSON body, as raw JSON text (so lone surrogates and NULs survive). */
function mutateJson(payload: string | undefined, r: ReturnType<typeof prng>): string {
  let value: unknown;
  try {
    value = JSON.parse(payload ?? '{}');
  } catch {
    value = {};
  }
  const marker = `__FUZZ_${r.int(1e9)}__`;
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const walk = (node: unknown) => {
    if (node && typeof node === 'object') {
      containers.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(value);
  const target = containers.length > 0 ? r.pick(containers) : null;
  if (target) {
    const keys = Object.keys(target);
    const action = r.int(4);
    if (action === 0 && keys.length > 0) delete (target as Record<string, unknown>)[r.pick(keys)];
    else {
      const key =
        action === 1 || keys.length === 0
          ? r.pick([
              'resourceType',
              'id',
              'entry',
              'request',
              'url',
              'method',
              'resource',
              'identifier',
              'reference',
              'meta',
              'text',
              'requestId',
              'messageId',
              'x',
              'status',
            ])
          : r.pick(keys);
      (target as Record<string, unknown>)[Array.isArray(target) ? Number(key) || 0 : key] = marker;
    }
  }
  return JSON.stringify(value).replace(`"${marker}"`, r.pick(hostileJsonValues));
}

describe('hostile requests', () => {
  let app: FastifyInstance;
  let db: Db;
  let fixture: Fixture;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = await createPgliteDb();
    await migrateBackend(db);
    await seedDemo(db);
    // The county without its pictures (they take seconds to draw): residents, contacts and what they point at.
    const county = generateCounty({ seed: 5, residents: 12, contacts: 6 });
    const store = new ResourceStore(db);
    await store.write((tx) => store.importNew(tx, [...county.patients, ...county.related, ...county.tasks]));
    const codes: string[] = [];
    app = await buildBackend({
      db,
      tokenSecret: randomBytes(32),
      log: (line) => codes.push(line),
      logger: { level: 'info', stream: { write: (line) => void logLines.push(line) } },
    });
    const staff: Record<string, string> = {};
    for (const user of ['aino', 'eero', 'leena', 'antti']) {
      const r = await app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { username: user, password: 'kaari-demo', deviceId: 'fuzz' },
      });
      staff[user] = (r.json() as { accessToken: string }).accessToken;
    }
    const signIn = async (identifier: string) => {
      await app.inject({ method: 'POST', url: '/resident/auth/code', payload: { identifier } });
      const code = /: (\d{6})$/.exec(codes.find((l) => l.includes(identifier)) ?? '')?.[1];
      const verified = await app.inject({
        method: 'POST',
        url: '/resident/auth/verify',
        payload: { identifier, code },
      });
      const session = verified.json() as { accessToken: string; patientId: string };
      const chat = async () =>
        (
          await app.inject({
            method: 'POST',
            url: '/resident/api/chats',
            headers: { authorization: `Bearer ${session.accessToken}` },
            payload: { requestId: randomUUID(), text: 'Kurkku kipeä', language: 'fi' },
          })
        ).json() as { taskId: string };
      return { ...session, tasks: [(await chat()).taskId, (await chat()).taskId] };
    };
    const writer = await signIn('SYN-000002');
    const reader = await signIn('SYN-000003');
    const [taskId = '', otherTask = ''] = writer.tasks;
    const claimed = await app.inject({
      method: 'POST',
      url: `/fhir/Task/${taskId}/$claim`,
      headers: { authorization: `Bearer ${staff.aino}` },
    });
    expect(claimed.statusCode).toBe(200);
    const visit = await app.inject({
      method: 'POST',
      url: '/video/visits',
      headers: { authorization: `Bearer ${staff.aino}` },
      payload: { taskId },
    });
    expect(visit.statusCode).toBe(200);
    const photoBase64 = (
      await sharp({ create: { width: 12, height: 8, channels: 3, background: '#a07060' } })
        .jpeg()
        .toBuffer()
    ).toString('base64');
    fixture = {
      staff,
      resident: writer.accessToken,
      patientId: writer.patientId,
      taskId,
      otherTask,
      reader: reader.accessToken,
      readerPatientId: reader.patientId,
      readerTask: reader.tasks[0] ?? '',
      appointmentId: (visit.json() as { appointmentId: string }).appointmentId,
      photoBase64,
    };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers each of the issue’s inputs with the 4xx that says what is wrong, as an OperationOutcome', async () => {
    const f = fixture;
    const staff = { authorization: `Bearer ${f.staff.leena}` };
    const fhir = { ...staff, 'content-type': fhirType };
    const cases: [Request, number][] = [
      [{ method: 'GET', url: '/fhir/Task?constructor=1', headers: staff }, 400],
      [{ method: 'GET', url: '/fhir/Task?_sort=__proto__', headers: staff }, 400],
      [
        {
          method: 'POST',
          url: '/fhir/Patient',
          headers: { ...fhir, 'if-none-exist': 'toString=1' },
          payload: '{"resourceType":"Patient"}',
        },
        400,
      ],
      [{ method: 'GET', url: '/fhir/Patient/a%00b', headers: staff }, 400],
      [{ method: 'GET', url: '/fhir/Patient?identifier=%00', headers: staff }, 400],
      [
        {
          method: 'POST',
          url: '/fhir/Patient',
          headers: fhir,
          payload: '{"resourceType":"Patient","name":[{"family":"a\\u0000"}]}',
        },
        400,
      ],
      [
        {
          method: 'POST',
          url: '/fhir/Patient',
          headers: fhir,
          payload: '{"resourceType":"Patient","name":[{"family":"\\ud800"}]}',
        },
        400,
      ],
      [{ method: 'POST', url: '/fhir/Patient', headers: fhir, payload: '' }, 400],
      [{ method: 'POST', url: '/fhir/Patient', headers: fhir, payload: '{' }, 400],
      [{ method: 'POST', url: '/fhir/Patient', headers: fhir, payload: 'null' }, 400],
      [{ method: 'POST', url: '/fhir/Patient', headers: { ...staff, 'content-type': jsonType }, payload: 'null' }, 400],
      [
        {
          method: 'POST',
          url: `/fhir/Task/${f.taskId}/$claim`,
          headers: { authorization: `Bearer ${f.staff.aino}`, 'content-type': fhirType },
          payload: '',
        },
        400,
      ],
      [
        {
          method: 'POST',
          url: '/fhir',
          headers: fhir,
          payload: '{"resourceType":"Bundle","type":"transaction","entry":{}}',
        },
        400,
      ],
      [
        {
          method: 'POST',
          url: '/fhir',
          headers: fhir,
          payload: '{"resourceType":"Bundle","type":"transaction","entry":[null]}',
        },
        400,
      ],
      [
        {
          method: 'POST',
          url: '/fhir',
          headers: fhir,
          payload: '{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"POST","url":123}}]}',
        },
        400,
      ],
      [{ method: 'GET', url: `/fhir/Patient/${f.readerPatientId}/_history/abc`, headers: staff }, 404],
      [{ method: 'GET', url: `/fhir/Patient/${f.readerPatientId}/_history/1.5`, headers: staff }, 404],
      [{ method: 'GET', url: `/fhir/Patient/${f.readerPatientId}/_history/99999999999`, headers: staff }, 404],
      [{ method: 'GET', url: '/fhir/Task?_offset=1e309', headers: staff }, 400],
      [{ method: 'GET', url: '/fhir/Task?_offset=9223372036854775807', headers: staff }, 400],
      [{ method: 'GET', url: '/sync/changes?after=9223372036854775807', headers: staff }, 400],
      [{ method: 'GET', url: `/fhir/Task?_lastUpdated=${encodeURIComponent('ge+275760-09-13')}`, headers: staff }, 400],
      [{ method: 'POST', url: '/fhir/Patient', headers: fhir, payload: nestedObject(100) }, 400],
    ];
    const answers = await Promise.all(cases.map(async ([request]) => app.inject(request)));
    expect(answers.map((a, i) => `${cases[i]?.[0].method} ${cases[i]?.[0].url} → ${a.statusCode}`)).toEqual(
      cases.map(([r, status]) => `${r.method} ${r.url} → ${status}`),
    );
    for (const a of answers)
      expect(a.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error' }] });
  });

  it('answers ≥ 10,000 hostile requests without one 5xx, and stays healthy', { timeout: 300_000 }, async () => {
    const r = prng(seed);
    const started = Date.now();
    const failures: string[] = [];
    const notOutcome: string[] = [];
    const statuses = new Map<number, number>();
    const costs = new Map<string, number>();
    let sent = 0;
    const send = async (request: Request, what: string) => {
      let response;
      const began = performance.now();
      try {
        const timer = setTimeout(
          () =>
            console.log(
              `still waiting: ${what}: ${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers)} ${String(request.payload ?? '').slice(0, 300)}`,
            ),
          5000,
        );
        response = await app.inject(request).finally(() => clearTimeout(timer));
      } catch (error) {
        // light-my-request refuses some headers itself (as Node's HTTP client would): not sent, not counted.
        if (error instanceof TypeError && /header|Invalid character/i.test(error.message)) return;
        throw error;
      }
      sent++;
      const spent = performance.now() - began;
      const family = `${request.method} ${(request.url.split('?')[0] ?? '').split('/').slice(0, 3).join('/')}`;
      costs.set(family, (costs.get(family) ?? 0) + spent);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const show = `${what}: ${request.method} ${request.url.slice(0, 200)} [${JSON.stringify(request.headers ?? {}).slice(0, 200)}] ${String(request.payload ?? '').slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 200)}`;
      if (response.statusCode >= 500) failures.push(show);
      else if (
        response.statusCode >= 400 &&
        String(response.headers['content-type']).includes('json') &&
        (response.json() as { resourceType?: string }).resourceType !== 'OperationOutcome'
      )
        notOutcome.push(show);
    };
    for (const request of rootCauses(fixture)) await send(request, 'root cause');
    const valid = validRequests(fixture);
    const costly = costlyRequests(fixture);
    for (let i = 0; i < mutations; i++) {
      const base = i % 200 === 0 ? r.pick(costly)(r) : r.pick(valid)(r);
      // One in ten stays valid, so the backend keeps holding real data that later mutations meet.
      await send(r.int(10) === 0 ? base : mutate(base, r), 'mutation');
    }
    // More of the issue's root causes, varied: prototype names, NUL, surrogates anywhere.
    while (sent < 10_000) await send(mutate(r.pick(valid)(r), r), 'mutation');
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `hostile requests: ${sent} in ${seconds.toFixed(1)} s (seed ${seed}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    if (process.env.KAARI_FUZZ_COSTS)
      console.log(
        [...costs]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `${k}: ${Math.round(v)} ms`)
          .join('\n'),
      );
    expect(
      failures,
      `seed ${seed}: ${failures.length} answers ≥ 500, first:\n${failures.slice(0, 15).join('\n')}`,
    ).toEqual([]);
    expect(
      notOutcome,
      `seed ${seed}: refusals without an OperationOutcome:\n${notOutcome.slice(0, 10).join('\n')}`,
    ).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    // Every line of the log is JSON with a request id or an event of the server itself.
    const lines = logLines.map((l) => JSON.parse(l) as { reqId?: string; level: number });
    expect(lines.length).toBeGreaterThan(sent);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    const refusedByDatabase = lines
      .filter((l) => l.level === 40 && (l as { sqlState?: string }).sqlState)
      .map((l) => (l as { sqlState?: string }).sqlState);
    console.log(
      `refused by the database, not the input layer: ${refusedByDatabase.length} (${[...new Set(refusedByDatabase)].join(', ')})`,
    );
  });
});
