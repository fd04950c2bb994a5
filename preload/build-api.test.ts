import { describe, expect, it, vi } from 'vitest';
import { callNames, ipcChannel, ipcEventChannel } from '../shared/contract';
import { buildApi } from './build-api';

function fakeIpc() {
  let listener: ((event: unknown, ...args: unknown[]) => void) | undefined;
  return {
    invoke: vi.fn(async () => ({ ok: true, value: 'x' })),
    on: (_channel: string, fn: typeof listener) => (listener = fn),
    fire: (...args: unknown[]) => listener?.({}, ...args),
  };
}

describe('preload API', () => {
  it('exposes exactly one function per contract call, plus on', () => {
    const api = buildApi(fakeIpc());
    expect(Object.keys(api).sort()).toEqual([...callNames, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect('invoke' in api).toBe(false);
  });

  it('sends each call on its own channel', async () => {
    const ipc = fakeIpc();
    await buildApi(ipc)['settings.update']({ theme: 'dark' });
    expect(ipc.invoke).toHaveBeenCalledWith(ipcChannel('settings.update'), { theme: 'dark' });
  });

  it('turns a broken IPC into an unavailable result instead of a throw', async () => {
    const ipc = { ...fakeIpc(), invoke: vi.fn(async () => Promise.reject(new Error('gone'))) };
    expect(await buildApi(ipc)['session.get']({})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers declared events to subscribers and ignores undeclared ones', () => {
    const ipc = fakeIpc();
    const api = buildApi(ipc);
    const seen = vi.fn();
    const off = api.on('session.changed', seen);
    ipc.fire('session.changed', { user: null, notice: null });
    ipc.fire('not.declared', {});
    expect(seen).toHaveBeenCalledTimes(1);
    off();
    ipc.fire('session.changed', { user: null, notice: null });
    expect(seen).toHaveBeenCalledTimes(1);
    expect(ipcEventChannel).toBe('kaari:event');
  });
});
