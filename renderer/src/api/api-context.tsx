import { createContext, useContext } from 'react';
import type { KaariApi } from '../../../shared/contract';

export interface ApiHandle {
  api: KaariApi;
  onHostChange(listener: (connected: boolean) => void): () => void;
}

export const ApiContext = createContext<ApiHandle | null>(null);

export function useApi(): KaariApi {
  const handle = useContext(ApiContext);
  if (!handle) throw new Error('ApiContext missing');
  return handle.api;
}

export function useApiHandle(): ApiHandle {
  const handle = useContext(ApiContext);
  if (!handle) throw new Error('ApiContext missing');
  return handle;
}
