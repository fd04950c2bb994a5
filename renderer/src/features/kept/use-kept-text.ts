import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeptKey } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { useDebouncedKeep } from './use-debounced-keep';

/**
 * A form's text kept by the workstation as it is typed (saved when typing pauses), and given back
 * after a reload, a crash or a restart. `clear` once the form is sent.
 */
export function useKeptText(key: KeptKey): { value: string; set(next: string): void; clear(): void } {
  const api = useApi();
  const [value, setValue] = useState('');
  const typed = useRef(false);
  const { keep, cancel } = useDebouncedKeep<string>((next) => void api['kept.save']({ key, value: next }));
  useEffect(() => {
    typed.current = false;
    setValue('');
    void api['kept.read']({ key }).then((r) => {
      // Whatever the professional already typed since wins over what was kept.
      if (r.ok && r.value.value !== null && !typed.current) setValue(r.value.value);
    });
    return cancel;
  }, [api, key, cancel]);
  const set = useCallback(
    (next: string) => {
      typed.current = true;
      setValue(next);
      keep(next);
    },
    [keep],
  );
  const clear = useCallback(() => {
    cancel();
    setValue('');
    void api['kept.save']({ key, value: '' });
  }, [api, key, cancel]);
  return { value, set, clear };
}
