import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';

const prefix = 'kaari-kept:';

/**
 * Form state kept in this tab's sessionStorage as it is typed, so reloading the page (or the
 * browser restoring the tab) loses nothing the resident wrote, and a form sent again after a
 * lost answer carries the same request id and is applied once. Per resident, checked by its
 * schema when read back, and gone when the tab closes or the resident signs out.
 */
export function useKept<T>(
  owner: string,
  name: string,
  initial: () => T,
  schema: z.ZodType<T>,
): [T, Dispatch<SetStateAction<T>>, () => void] {
  const key = `${prefix}${owner}:${name}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const parsed = schema.safeParse(JSON.parse(sessionStorage.getItem(key) ?? 'null'));
      if (parsed.success) return parsed.data;
    } catch {
      // Unreadable: start afresh.
    }
    return initial();
  });
  useEffect(() => sessionStorage.setItem(key, JSON.stringify(value)), [key, value]);
  // After a successful send: a fresh form with a fresh request id, stored at once (the form may
  // be leaving the screen, and its effect with it).
  const reset = useCallback(() => {
    const fresh = initial();
    sessionStorage.setItem(key, JSON.stringify(fresh));
    setValue(fresh);
  }, [key, initial]);
  return [value, setValue, reset];
}

/** On sign-out nothing of the resident's stays in the tab. */
export function forgetKept(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) sessionStorage.removeItem(key);
}
