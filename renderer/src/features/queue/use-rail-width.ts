import { type RefObject, useEffect, useLayoutEffect } from 'react';
import { keepDelayMs } from '../kept/use-debounced-keep';

/**
 * The queue rail beside an opened contact keeps the width the user dragged it to, per user
 * (in her settings): applied when a contact opens, saved a moment after a drag ends. With no
 * contact open the queue takes the whole width.
 */
export function useRailWidth(
  list: RefObject<HTMLElement | null>,
  working: boolean,
  saved: number | null,
  onSave: (px: number) => void,
): void {
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.style.width = working && saved ? `${saved}px` : '';
  }, [list, working, saved]);
  useEffect(() => {
    const el = list.current;
    if (!el || !working || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      // The browser writes the dragged width inline (CSS resize); a window resize does not.
      const px = Math.round(parseFloat(el.style.width));
      if (!px || px === saved) return;
      clearTimeout(timer);
      timer = setTimeout(() => onSave(px), keepDelayMs);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [list, working, saved, onSave]);
}

/** Makes the list `by` pixels wider (narrower when negative) within its CSS limits; the observer above keeps the width. */
export function resizeRail(list: RefObject<HTMLElement | null>, by: number): void {
  const el = list.current;
  if (!el || getComputedStyle(el).resize !== 'horizontal') return;
  el.style.width = `${Math.round(el.getBoundingClientRect().width + by)}px`;
  // Kept as laid out, so a width past the CSS limits is never saved.
  el.style.width = `${Math.round(el.getBoundingClientRect().width)}px`;
}
