import type { EventBus } from './ipc/event-bus';
import type { Registry } from './ipc/registry';

/** What main offers its two shells (Electron, the browser host): the contract's registry, events, and the few OS hooks. */
export interface MainServices {
  registry: Registry;
  events: EventBus;
  /** After laptop sleep or a network change: probe and sync now instead of waiting for timers. */
  wake(): void;
  /** The OS locked its screen or the laptop is going to sleep: Kaari locks too. */
  lock(): void;
  /** Camera and microphone are granted to the window only while a video call is open. */
  mediaOpen(): boolean;
  /** Desktop notifications are allowed only after the signed-in user switched them on in Settings. */
  notificationsOptedIn(): boolean;
  /** The window was reloaded or closed: a call it held is left, so nothing stays "in call". */
  rendererGone(): void;
  dispose(): Promise<void>;
}
