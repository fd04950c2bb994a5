import type { CallInput, CallName, CallOutput } from './calls';
import type { EventName, EventPayload } from './events';
import type { Result } from './result';

export type CallFn<N extends CallName> = (input: CallInput<N>) => Promise<Result<CallOutput<N>>>;

/**
 * The one object the renderer talks to. Electron's preload and the browser host's WebSocket shim
 * both build exactly this shape from the contract.
 */
export type KaariApi = { readonly [N in CallName]: CallFn<N> } & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Name of the global the preload exposes through contextBridge. */
export const apiGlobalName = 'kaari';

/** Electron IPC channel names, derived so preload and main cannot disagree. */
export const ipcChannel = (name: CallName): string => `kaari:call:${name}`;
export const ipcEventChannel = 'kaari:event';
