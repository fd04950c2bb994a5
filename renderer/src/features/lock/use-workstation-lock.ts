import { useEffect, useState } from 'react';
import type { LockState } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';

/**
 * The session lock as main holds it, and the user's activity reported to main: at most a few
 * times per idle period (main judges idleness, so a hidden or frozen page cannot keep it open).
 */
export function useWorkstationLock(signedIn: boolean): LockState | null {
  const api = useApi();
  const [lock, setLock] = useState<LockState | null>(null);

  useEffect(() => {
    if (!signedIn) {
      setLock(null);
      return undefined;
    }
    void api['lock.get']({}).then((r) => r.ok && setLock(r.value));
    return api.on('lock.changed', setLock);
  }, [api, signedIn]);

  const locked = lock?.locked ?? true;
  const idleSeconds = lock?.idleLockSeconds ?? 600;
  useEffect(() => {
    if (!signedIn || locked) return undefined;
    const every = Math.min(15_000, (idleSeconds * 1000) / 4);
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      void api['lock.activity']({});
    };
    const kinds = ['keydown', 'input', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const kind of kinds) window.addEventListener(kind, onActivity, { capture: true, passive: true });
    return () => {
      for (const kind of kinds) window.removeEventListener(kind, onActivity, { capture: true });
    };
  }, [api, signedIn, locked, idleSeconds]);

  return lock;
}
