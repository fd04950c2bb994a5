import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useCall } from '../../api/use-call';

/** How long "typing…" stays after the resident's last keystroke signal. */
const typingShownMs = 3000;

/**
 * The contact's conversation from the cache, read again whenever the cache changes; whether the
 * resident is typing; and her messages marked read while the holder has them on screen.
 */
export function useChatThread(taskId: string) {
  const api = useApi();
  const thread = useCall('chat.thread', { taskId }, ['queue.changed']);
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('chat.typing', (e) => {
      if (e.taskId !== taskId) return;
      setTyping(true);
      clearTimeout(timer);
      timer = setTimeout(() => setTyping(false), typingShownMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [api, taskId]);
  const view = thread.value;
  const unread = !!view?.canWrite && view.messages.some((m) => m.from === 'resident' && !m.read);
  useEffect(() => {
    if (unread) void api['chat.markRead']({ taskId });
  }, [api, taskId, unread]);
  return { ...thread, typing };
}
