import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { tempDir } from '../../test/support/processes';
import { createBackendClient } from '../backend-client/backend-client';
import { readCaCertificates, trustExtraCa } from './trusted-ca';

// A backend behind the county's own certificate authority (made here with openssl): the
// workstation's HTTP client and its WebSockets reach it only once the machine policy's CA file
// is trusted.
const dir = tempDir('county-ca');
const caFile = join(dir, 'county-ca.pem');
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Kaari test county CA',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    caFile,
  ],
  { stdio: 'ignore' },
);

let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(caFile) }, (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'ok', version: 'test' }));
  });
  new WebSocketServer({ server }).on('connection', (socket) => socket.send('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const undo: (() => void)[] = [];
afterEach(() => undo.splice(0).forEach((u) => u()));

const socketGreeting = (): Promise<string> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('https:', 'wss:'));
    ws.once('message', (data: Buffer) => {
      resolve(data.toString());
      ws.close();
    });
    ws.once('error', reject);
  });

describe('extra certificate authorities from the machine policy', () => {
  it('are needed: without them the workstation refuses the county certificate', async () => {
    await expect(createBackendClient(url).health()).rejects.toThrow();
    await expect(socketGreeting()).rejects.toThrow(/self-signed|certificate/i);
  });

  it('once trusted, carry the HTTP client and the WebSockets to the backend', async () => {
    undo.push(trustExtraCa(readCaCertificates([caFile])));
    expect(await createBackendClient(url).health()).toEqual({ status: 'ok', version: 'test' });
    expect(await socketGreeting()).toBe('hello');
  });

  it('must be certificates: a file without one is refused', () => {
    const notPem = join(dir, 'not-a-ca.pem');
    writeFileSync(notPem, 'just text');
    expect(() => readCaCertificates([notPem])).toThrow(/holds no PEM certificate/);
  });
});
