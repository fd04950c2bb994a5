import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeptKey } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';

/**
 * A form's text kept by the workstation as it is typed (saved half a second after typing
 * pauses), and given back after a reload, a crash or a restart. `clear` once the form is sent.
 */
export function useKeptText(key: KeptKey): { value: string; set(next: string): void; clear(): void } {
  const api = useApi();
  const [value, setValue] = useState('');
  const typed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    typed.current = false;
    setValue('');
    void api['kept.read']({ key }).then((r) => {
      // Whatever the professional already typed since wins over what was kept.
      if (r.ok && r.value.value !== null && !typed.current) setValue(r.value.value);
    });
    return () => clearTimeout(timer.current);
  }, [api, key]);
  const set = useCallback(
    (next: string) => {
      typed.current = true;
      setValue(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void api['kept.save']({ key, value: next }), 500);
    },
    [api, key],
  );
  const clear = useCallback(() => {
    clearTimeout(timer.current);
    setValue('');
    void api['kept.save']({ key, value: '' });
  }, [api, key]);
  return { value, set, clear };
}
