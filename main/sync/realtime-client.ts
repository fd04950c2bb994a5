import WebSocket from 'ws';
import { RealtimeServerFrame, realtimeCloseCodes } from '../../shared/protocol/realtime';
import { backoffDelay } from '../connection/connection-monitor';
import type { TokenSource } from '../backend-client/backend-client';

export interface RealtimeDeps {
  backendUrl: string;
  tokens: TokenSource;
  /** The backend says something changed at `seq` (or the socket just (re)connected). */
  onChanged(seq: number): void;
  onConnection?(connected: boolean): void;
  /** The resident is typing in a contact's chat. */
  onTyping?(taskId: string): void;
  random?: () => number;
}

export interface RealtimeClient {
  /** Tells the backend the professional is typing; false when the socket is not up. */
  typing(taskId: string): boolean;
  stop(): void;
}

/** Keeps one socket to the backend's /realtime open, reconnecting with backoff and jitter. */
export function connectRealtime(deps: RealtimeDeps): RealtimeClient {
  const url = new URL('/realtime', deps.backendUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  let socket: WebSocket | null = null;
  let failures = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const reconnect = () => {
    if (stopped) return;
    failures += 1;
    timer = setTimeout(open, backoffDelay(failures, 30_000, deps.random ?? Math.random));
    timer.unref?.();
  };

  function open(): void {
    if (stopped) return;
    const ws = new WebSocket(url);
    socket = ws;
    let sent = '';
    ws.on('open', () => {
      sent = deps.tokens.accessToken();
      ws.send(JSON.stringify({ type: 'auth', accessToken: sent }));
    });
    ws.on('message', (data: Buffer) => {
      let frame;
      try {
        frame = RealtimeServerFrame.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return;
      }
      if (!frame.success) return;
      if (frame.data.type === 'ready') {
        failures = 0;
        deps.onConnection?.(true);
        // Anything missed while disconnected is caught up by one pull.
        deps.onChanged(frame.data.latest);
      } else if (frame.data.type === 'changed') deps.onChanged(frame.data.seq);
      else if (frame.data.type === 'typing') deps.onTyping?.(frame.data.taskId);
    });
    ws.on('close', (code) => {
      if (socket === ws) socket = null;
      deps.onConnection?.(false);
      // A revoked device is told by the refresh that follows (the session then wipes the cache).
      if ((code === realtimeCloseCodes.unauthenticated || code === realtimeCloseCodes.deviceRevoked) && !stopped) {
        void deps.tokens.refresh(sent).then(reconnect, reconnect);
        return;
      }
      reconnect();
    });
    ws.on('error', () => undefined);
  }

  open();
  return {
    typing(taskId) {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify({ type: 'typing', taskId }));
      return true;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
