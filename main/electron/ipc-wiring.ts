import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { callNames, fail, ipcChannel, ipcEventChannel } from '../../shared/contract';
import type { EventBus } from '../ipc/event-bus';
import type { Registry } from '../ipc/registry';
import { isAppUrl } from './app-origin';

/** A call is accepted only from our own origin and the top frame of our own window. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  window: Pick<WebContents, 'id'>,
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return event.sender.id === window.id && frame.parent === null && isAppUrl(frame.url);
}

/** One channel per contract call; nothing else is handled. Events go to the one window. */
export function wireIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  registry: Registry,
  bus: EventBus,
  window: Pick<WebContents, 'id' | 'send' | 'isDestroyed'>,
): () => void {
  for (const name of callNames) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) => {
      if (!isTrustedSender(event, window)) return fail('forbidden', 'Call from an untrusted frame refused');
      return registry.dispatch(name, input);
    });
  }
  return bus.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.send(ipcEventChannel, event, payload);
  });
}
