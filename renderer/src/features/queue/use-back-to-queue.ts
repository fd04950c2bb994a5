import { type RefObject, useEffect } from 'react';

/** Alt+Q goes back to the queue list from anywhere, also from a text field. */
export function useBackToQueue(list: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyQ') return;
      event.preventDefault();
      list.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list]);
}
