import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../../shared/contract';
import { useApiHandle } from '../api/api-context';

/** The connection to the regional service, and whether the workstation service itself answers. */
export function useConnection(): { status: ConnectionStatus | null; hostUp: boolean; online: boolean } {
  const { api, onHostChange } = useApiHandle();
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [hostUp, setHostUp] = useState(true);
  useEffect(() => {
    const refresh = () => void api['connection.get']({}).then((r) => r.ok && setStatus(r.value));
    refresh();
    const offEvent = api.on('connection.changed', setStatus);
    const offHost = onHostChange((up) => {
      setHostUp(up);
      if (up) refresh();
    });
    return () => {
      offEvent();
      offHost();
    };
  }, [api, onHostChange]);
  const online = hostUp && (status?.state === 'online' || status?.state === 'syncing');
  return { status, hostUp, online };
}
