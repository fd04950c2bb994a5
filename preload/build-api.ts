import {
  type CallName,
  type EventName,
  type KaariApi,
  callNames,
  fail,
  ipcChannel,
  ipcEventChannel,
  isEventName,
} from '../shared/contract';

/** The two ipcRenderer functions the preload needs; passed in so this file is testable without Electron. */
export interface IpcRendererLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

/**
 * One function per contract call, plus `on` for declared events. ipcRenderer itself never reaches
 * the page, and there is no generic invoke(channel, ...).
 */
export function buildApi(ipc: IpcRendererLike): KaariApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  ipc.on(ipcEventChannel, (_event, name, payload) => {
    if (isEventName(name)) for (const listener of listeners.get(name) ?? []) listener(payload);
  });
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = (input: unknown) =>
      ipc
        .invoke(ipcChannel(name as CallName), input)
        .catch(() => fail('unavailable', 'The workstation service did not answer'));
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  return Object.freeze(api) as KaariApi;
}
