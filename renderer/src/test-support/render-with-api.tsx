import { cleanup, render, type RenderResult } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import {
  type CallFn,
  type CallName,
  type EventName,
  type EventPayload,
  type KaariApi,
  type Language,
  fail,
} from '../../../shared/contract';
import { ApiContext } from '../api/api-context';
import { setupI18n } from '../i18n/setup-i18n';

afterEach(cleanup);

export type FakeCalls = { [N in CallName]?: CallFn<N> };

export interface FakeApi {
  api: KaariApi;
  /** Every call made, in order, with its input. */
  calls: { name: CallName; input: unknown }[];
  /** Fires a main → renderer event to every listener, as main would. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** The renderer's API with the given calls answered; any other call fails as main would for a broken handler. */
export function fakeApi(handlers: FakeCalls): FakeApi {
  const calls: FakeApi['calls'] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const target = {
    on: (event: EventName, listener: (payload: never) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  const api = new Proxy(target, {
    get(t, prop: string) {
      if (prop === 'on') return t.on;
      const name = prop as CallName;
      return (input: unknown) => {
        calls.push({ name, input });
        const handler = handlers[name] as ((input: unknown) => ReturnType<CallFn<CallName>>) | undefined;
        return handler ? handler(input) : Promise.resolve(fail('internal', `no fake for ${name}`));
      };
    },
  }) as unknown as KaariApi;
  return {
    api,
    calls,
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
  };
}

/** Renders a view as the app does: in the given workstation language, over the given API. */
export function renderWithApi(ui: ReactElement, fake: FakeApi, language: Language = 'en'): RenderResult {
  setupI18n(language);
  void i18next.changeLanguage(language);
  const handle = { api: fake.api, onHostChange: () => () => undefined };
  // As a wrapper, so a rerender keeps the API around the new element.
  return render(ui, {
    wrapper: ({ children }) => <ApiContext.Provider value={handle}>{children}</ApiContext.Provider>,
  });
}
