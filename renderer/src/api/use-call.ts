import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallError, CallFn, CallInput, CallName, CallOutput, EventName, Result } from '../../../shared/contract';
import { useApi } from './api-context';

export interface CallState<T> {
  /** The latest answer for the current input; null before the first one. */
  value: T | null;
  error: CallError | null;
  pending: boolean;
  /** Asks again with the same input (the value shown stays until the new answer). */
  reload(): void;
  /** Replaces the value with an answer that came another way (an action returning the same view). */
  set(value: T): void;
}

/**
 * One read from main, as Medplum's `useSearch` does it: asked when the input changes and when any
 * of `refreshOn` fires; an answer to an older question (the input changed since, or a newer reload
 * was asked) or one arriving after unmount is dropped, so a slow answer never overwrites a newer one.
 * A `null` input asks nothing (not yet known, or not allowed).
 */
export function useCall<N extends CallName>(
  name: N,
  input: CallInput<N> | null,
  refreshOn: readonly EventName[] = [],
): CallState<CallOutput<N>> {
  const api = useApi();
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{
    key: string | null;
    value: CallOutput<N> | null;
    error: CallError | null;
    pending: boolean;
  }>({ key, value: null, error: null, pending: key !== null });
  /** Numbers each question; an answer counts only while its number is still the latest. */
  const asked = useRef(0);
  const forget = useCallback(() => void asked.current++, []);
  const inputRef = useRef(input);
  inputRef.current = input;
  const events = refreshOn.join(' ');

  const ask = useCallback(() => {
    const current = inputRef.current;
    if (current === null) return;
    const ticket = ++asked.current;
    setState((s) => ({ ...s, pending: true }));
    void (api[name] as CallFn<N>)(current).then((r) => {
      if (ticket !== asked.current) return;
      // A failed re-ask keeps the last answer on screen beside the error.
      setState((s) =>
        r.ok ? { ...s, value: r.value, error: null, pending: false } : { ...s, error: r.error, pending: false },
      );
    });
  }, [api, name]);

  useEffect(() => {
    // A new question: what was shown answered another one.
    setState((s) => (s.key === key ? s : { key, value: null, error: null, pending: key !== null }));
    if (key === null) return;
    ask();
    const offs = events ? events.split(' ').map((e) => api.on(e as EventName, ask)) : [];
    return () => {
      forget();
      for (const off of offs) off();
    };
  }, [api, ask, forget, key, events]);

  const set = useCallback(
    (value: CallOutput<N>) => {
      forget();
      setState((s) => ({ ...s, value, error: null, pending: false }));
    },
    [forget],
  );
  // Until the effect has run for a new key, the old answer is not shown for the new question.
  const fresh = state.key === key;
  return {
    value: fresh ? state.value : null,
    error: fresh ? state.error : null,
    pending: fresh ? state.pending : key !== null,
    reload: ask,
    set,
  };
}

export interface ActionState<N extends CallName> {
  /** Runs the call; resolves to its answer, or to null when a newer run started or the view is gone. */
  run(input: CallInput<N>): Promise<Result<CallOutput<N>> | null>;
  pending: boolean;
  error: CallError | null;
  clearError(): void;
}

/**
 * One change asked of main (send, claim, step). Only the newest run's answer counts: an older one
 * that arrives late resolves to null and leaves pending and error alone.
 */
export function useAction<N extends CallName>(name: N): ActionState<N> {
  const api = useApi();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const latest = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (input: CallInput<N>) => {
      const ticket = ++latest.current;
      setPending(true);
      setError(null);
      const r = await (api[name] as CallFn<N>)(input);
      if (ticket !== latest.current || !mounted.current) return null;
      setPending(false);
      if (!r.ok) setError(r.error);
      return r;
    },
    [api, name],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
