import {
  type CallName,
  type EventName,
  type KaariApi,
  type Result,
  ServerFrame,
  callNames,
  fail,
  isEventName,
} from '../../../shared/contract';

export interface WsApi {
  api: KaariApi;
  /** Called with false when the socket to the browser host drops, true when it is back. */
  onHostChange(listener: (connected: boolean) => void): () => void;
}

/**
 * The browser host's stand-in for Electron's preload: the same API object, carried over a
 * WebSocket. Reconnects by itself; calls made while disconnected fail as `unavailable`.
 */
export function createWsApi(url: string): WsApi {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retry = 0;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const hostListeners = new Set<(connected: boolean) => void>();
  let opened: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        const wasRetrying = retry > 0;
        retry = 0;
        if (wasRetrying) for (const l of hostListeners) l(true);
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const frame = ServerFrame.safeParse(JSON.parse(String(message.data)));
        if (!frame.success) return;
        if ('id' in frame.data) {
          waiting.get(frame.data.id)?.(frame.data.result as Result<unknown>);
          waiting.delete(frame.data.id);
        } else if (isEventName(frame.data.event)) {
          for (const l of eventListeners.get(frame.data.event) ?? []) l(frame.data.payload);
        }
      };
      ws.onclose = () => {
        const wasOpen = socket === ws;
        socket = null;
        opened = null;
        for (const [id, done] of waiting) {
          done(fail('unavailable', 'The workstation service closed the connection'));
          waiting.delete(id);
        }
        if (wasOpen || retry === 0) for (const l of hostListeners) l(false);
        retry += 1;
        setTimeout(() => void connect().catch(() => undefined), Math.min(5000, 250 * 2 ** retry));
        reject(new Error('closed'));
      };
    });
    return opened;
  };
  void connect().catch(() => undefined);

  const call = async (name: CallName, input: unknown): Promise<Result<unknown>> => {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return fail('unavailable', 'The workstation service is not reachable');
    }
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, call: name, input }));
    });
  };

  const api: Record<string, unknown> = {};
  for (const name of callNames) api[name] = (input: unknown) => call(name, input);
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    const set = eventListeners.get(event) ?? new Set();
    set.add(listener);
    eventListeners.set(event, set);
    return () => set.delete(listener);
  };
  return {
    api: api as KaariApi,
    onHostChange(listener) {
      hostListeners.add(listener);
      return () => hostListeners.delete(listener);
    },
  };
}
