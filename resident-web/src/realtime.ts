import { useEffect, useRef } from 'react';
import { ResidentServerFrame } from '../../shared/protocol/resident';

/**
 * The resident's live line: "something of yours changed" and "the professional is typing".
 * Reconnects with a growing delay; the views fetch again on every change notice.
 */
export function useRealtime(
  token: string,
  onChanged: () => void,
  onTyping: (taskId: string) => void,
): (taskId: string) => void {
  const socketRef = useRef<WebSocket | null>(null);
  const handlers = useRef({ onChanged, onTyping });
  useEffect(() => {
    handlers.current = { onChanged, onTyping };
  });
  useEffect(() => {
    let stopped = false;
    let delay = 500;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const socket = new WebSocket(
        `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/resident/realtime`,
      );
      socketRef.current = socket;
      socket.onopen = () => {
        delay = 500;
        socket.send(JSON.stringify({ type: 'auth', accessToken: token }));
      };
      socket.onmessage = (event) => {
        const frame = ResidentServerFrame.safeParse(JSON.parse(String(event.data)));
        if (!frame.success) return;
        if (frame.data.type === 'changed' || frame.data.type === 'ready') handlers.current.onChanged();
        if (frame.data.type === 'typing') handlers.current.onTyping(frame.data.taskId);
      };
      socket.onclose = () => {
        if (stopped) return;
        timer = setTimeout(connect, delay + Math.random() * delay);
        delay = Math.min(delay * 2, 15_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socketRef.current?.close();
    };
  }, [token]);
  return (taskId: string) => {
    if (socketRef.current?.readyState === WebSocket.OPEN)
      socketRef.current.send(JSON.stringify({ type: 'typing', taskId }));
  };
}
