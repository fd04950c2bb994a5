import { useEffect, useState } from 'react';

/**
 * Alt+M writes to the resident from anywhere in the contact: `onOpen` opens the chat and the
 * returned counter, bumped per press, asks the chat to focus its message box.
 */
export function useComposerShortcut(onOpen: () => void): number {
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyM') return;
      event.preventDefault();
      onOpen();
      setRequests((n) => n + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpen]);
  return requests;
}
