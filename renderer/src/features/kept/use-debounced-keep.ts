import { useCallback, useEffect, useRef } from 'react';

/**
 * How long typing pauses before the workstation keeps what was typed: one value for every
 * form, the chat composer included, so "what survives a crash" is the same everywhere.
 */
export const keepDelayMs = 400;

/**
 * Keeps typed text a moment after typing pauses; the last call wins. `cancel` drops a pending
 * save (the text was sent, or is kept another way). The pending save is dropped on unmount.
 */
export function useDebouncedKeep<T>(save: (value: T) => void): { keep(value: T): void; cancel(): void } {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const keep = useCallback((value: T) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => saveRef.current(value), keepDelayMs);
  }, []);
  const cancel = useCallback(() => clearTimeout(timer.current), []);
  return { keep, cancel };
}
