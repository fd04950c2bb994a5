import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callNames, fail, ipcChannel, ipcEventChannel } from '../../shared/contract';
import { tempDir } from '../../test/support/processes';
import { contentSecurityPolicy } from '../host/csp';
import { createEventBus } from '../ipc/event-bus';
import type { Registry } from '../ipc/registry';
import { hardenContents } from './harden-contents';
import { isTrustedSender, wireIpc } from './ipc-wiring';
import { isPermissionAllowed } from './permissions';
import { serveRendererFile } from './renderer-protocol';
import { windowOptions } from './window-options';

// The Electron binary is not available on build machines, so the shell is tested with fakes of
// the few Electron objects it touches.

describe('the window', () => {
  it('has spellcheck off unless the machine policy serves dictionaries', () => {
    expect(windowOptions('/app/preload.cjs').webPreferences?.spellcheck).toBe(false);
    expect(windowOptions('/app/preload.cjs', { spellcheck: true }).webPreferences?.spellcheck).toBe(true);
  });

  it('is sandboxed and isolated, with Node and insecure content off', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy();
  it('allows only our own scripts: no inline code, no eval, no remote origins', () => {
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('adds only the given socket origin to connect-src', () => {
    expect(contentSecurityPolicy(['ws://127.0.0.1:5170'])).toContain("connect-src 'self' ws://127.0.0.1:5170");
  });
});

describe('permissions', () => {
  const state = (mediaOpen: boolean, notificationsOptedIn: boolean) => ({
    mediaOpen: () => mediaOpen,
    notificationsOptedIn: () => notificationsOptedIn,
  });
  it('allows camera and microphone for our own origin only while a call is open', () => {
    const inCall = state(true, false);
    expect(isPermissionAllowed('media', 'app://kaari/', ['video', 'audio'], inCall)).toBe(true);
    expect(isPermissionAllowed('media', 'app://kaari/', ['video', 'audio'], state(false, true))).toBe(false);
    expect(isPermissionAllowed('media', 'app://kaari/', ['video', 'audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', ['video'], inCall)).toBe(false);
    expect(isPermissionAllowed('media', 'app://kaari/', ['screen'], inCall)).toBe(false);
  });
  it('allows notifications only after the user opted in, and nothing else but full screen', () => {
    expect(isPermissionAllowed('notifications', 'app://kaari/')).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://kaari/', [], state(true, false))).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://kaari/', [], state(false, true))).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', [], state(false, true))).toBe(false);
    expect(isPermissionAllowed('geolocation', 'app://kaari/', [], state(true, true))).toBe(false);
    expect(isPermissionAllowed('clipboard-read', 'app://kaari/', [], state(true, true))).toBe(false);
    expect(isPermissionAllowed('fullscreen', 'app://kaari/')).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'https://evil.example/')).toBe(false);
  });
});

type Listener = (...args: never[]) => unknown;
function fakeContents() {
  const listeners = new Map<string, Listener>();
  const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, fn: Listener) => listeners.set(event, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    session,
  };
  return { contents, listeners, session, open: (url: string) => openHandler?.({ url }) };
}

describe('web contents hardening', () => {
  it('blocks navigation away from the app and keeps navigation inside it', () => {
    const fake = fakeContents();
    hardenContents(fake.contents as never, { openExternal: vi.fn(), externalLinkHosts: [] });
    const navigate = fake.listeners.get('will-navigate') as (e: { preventDefault(): void }, url: string) => void;
    const away = { preventDefault: vi.fn() };
    navigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate(inside, 'app://kaari/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    expect(fake.listeners.has('will-redirect')).toBe(true);
    expect(fake.listeners.has('will-frame-navigate')).toBe(true);
  });

  it('denies every new window; opens in the system browser only https links to hosts the organisation listed', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    hardenContents(fake.contents as never, { openExternal, externalLinkHosts: ['thl.fi'] });
    expect(fake.open('https://thl.fi/')).toEqual({ action: 'deny' });
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('http://thl.fi/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://thl.fi/']]);
  });

  it('opens no link at all under the default (strictest) machine policy', () => {
    const fake = fakeContents();
    const openExternal = vi.fn();
    hardenContents(fake.contents as never, { openExternal, externalLinkHosts: [] });
    fake.open('https://thl.fi/');
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('routes permission requests through the allow list; the camera only while a call is open', () => {
    const fake = fakeContents();
    let inCall = true;
    hardenContents(fake.contents as never, { openExternal: vi.fn(), externalLinkHosts: [], mediaOpen: () => inCall });
    const handler = fake.session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      p: string,
      cb: (ok: boolean) => void,
      d: object,
    ) => void;
    const answers: boolean[] = [];
    handler(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://kaari/', mediaTypes: ['video'] });
    handler(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] });
    handler(null, 'openExternal', (ok) => answers.push(ok), { requestingUrl: 'app://kaari/' });
    inCall = false;
    handler(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'app://kaari/', mediaTypes: ['video'] });
    expect(answers).toEqual([true, false, false, false]);
  });

  it('answers notification checks from the user’s opt-in at the time of asking', () => {
    const fake = fakeContents();
    let optedIn = false;
    hardenContents(fake.contents as never, {
      openExternal: vi.fn(),
      externalLinkHosts: [],
      notificationsOptedIn: () => optedIn,
    });
    const check = fake.session.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      p: string,
      origin: string,
    ) => boolean;
    expect(check(null, 'notifications', 'app://kaari/')).toBe(false);
    optedIn = true;
    expect(check(null, 'notifications', 'app://kaari/')).toBe(true);
  });
});

describe('IPC wiring', () => {
  const window = { id: 7, send: vi.fn(), isDestroyed: () => false };
  const frame = (url: string, parent: object | null = null) => ({ url, parent });

  it('registers exactly one channel per contract call', () => {
    const handle = vi.fn();
    wireIpc({ handle }, { dispatch: vi.fn() }, createEventBus(), window);
    expect(handle.mock.calls.map((c) => c[0]).sort()).toEqual(callNames.map(ipcChannel).sort());
  });

  it('accepts calls only from our own origin, top frame, own window', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://kaari/') } as never, window)).toBe(true);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('https://evil.example/') } as never, window)).toBe(
      false,
    );
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://kaari/', {}) } as never, window)).toBe(false);
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: frame('app://kaari/') } as never, window)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null } as never, window)).toBe(false);
  });

  it('answers an untrusted sender with forbidden, without running the call', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    const registry: Registry = { dispatch: vi.fn(async () => ({ ok: true as const, value: 1 })) };
    wireIpc({ handle: (ch: string, fn: never) => handlers.set(ch, fn) } as never, registry, createEventBus(), window);
    const call = handlers.get(ipcChannel('session.get'));
    expect(await call?.({ sender: { id: 7 }, senderFrame: frame('https://evil.example/') }, {})).toEqual(
      fail('forbidden', 'Call from an untrusted frame refused'),
    );
    expect(registry.dispatch).not.toHaveBeenCalled();
    await call?.({ sender: { id: 7 }, senderFrame: frame('app://kaari/') }, {});
    expect(registry.dispatch).toHaveBeenCalledWith('session.get', {});
  });

  it('forwards validated events to the window', () => {
    const bus = createEventBus();
    const send = vi.fn();
    wireIpc({ handle: vi.fn() }, { dispatch: vi.fn() }, bus, { ...window, send });
    const status = {
      state: 'offline' as const,
      since: new Date(0).toISOString(),
      lastSyncAt: null,
      pending: 2,
      conflicts: 0,
    };
    bus.emit('connection.changed', status);
    expect(send).toHaveBeenCalledWith(ipcEventChannel, 'connection.changed', status);
    expect(() => bus.emit('connection.changed', { ...status, pending: -1 })).toThrow();
  });
});

describe('app:// renderer protocol', () => {
  const dir = tempDir('renderer');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<html></html>');
  writeFileSync(join(dir, 'assets', 'a.js'), 'x');
  writeFileSync(join(dir, '..', 'secret.txt'), 'secret');

  it('serves the built files with the CSP header', async () => {
    const index = await serveRendererFile(dir, 'app://kaari/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect((await serveRendererFile(dir, 'app://kaari/assets/a.js')).headers.get('content-type')).toContain(
      'javascript',
    );
  });

  it('refuses paths that escape the renderer folder', async () => {
    expect((await serveRendererFile(dir, 'app://kaari/../secret.txt')).status).toBe(404);
    expect((await serveRendererFile(dir, 'app://kaari/%2e%2e/secret.txt')).status).toBe(404);
    expect((await serveRendererFile(dir, 'app://kaari/assets/..%2f..%2fsecret.txt')).status).toBe(404);
  });
});
