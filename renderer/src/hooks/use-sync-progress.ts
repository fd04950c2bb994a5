import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../shared/contract';
import { useApi } from '../api/api-context';

/** How far the running pull has come (after each committed page); null before the first page. */
export function useSyncProgress(): SyncProgress | null {
  const api = useApi();
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  useEffect(() => api.on('sync.progress', setProgress), [api]);
  return progress;
}
