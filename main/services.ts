import { accessHandlers } from './access/handlers';
import { adminHandlers } from './admin/handlers';
import { chatHandlers } from './chat/handlers';
import { documentationHandlers } from './documentation/handlers';
import type { EventBus } from './ipc/event-bus';
import { type Registry, createRegistry } from './ipc/registry';
import { fail } from '../shared/contract';
import { keptHandlers } from './kept/handlers';
import { allowedWhileLocked, lockHandlers } from './lifecycle/lock-handlers';
import { type MainServicesOptions, createMainContext } from './main-context';
import { queueHandlers } from './queue/handlers';
import { recentHandlers } from './recent/handlers';
import { residentHandlers } from './resident/handlers';
import { sessionHandlers } from './session/handlers';
import { staffHandlers } from './staff/handlers';
import { syncHandlers } from './sync/handlers';
import { videoHandlers } from './video/video-handlers';

export type { MainServicesOptions };

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

/**
 * The composition root of everything main does, with no Electron in it: the Electron shell and
 * the browser host both build this and only differ in how the contract reaches the renderer.
 * Each domain registers its own handlers (main/<domain>/handlers.ts) over one context.
 */
export function createMainServices(options: MainServicesOptions): MainServices {
  const ctx = createMainContext(options);
  const handlers = createRegistry({
    ...sessionHandlers(ctx),
    ...queueHandlers(ctx),
    ...recentHandlers(ctx),
    ...staffHandlers(ctx),
    ...documentationHandlers(ctx),
    ...residentHandlers(ctx),
    ...accessHandlers(ctx),
    ...adminHandlers(ctx),
    ...chatHandlers(ctx),
    ...keptHandlers(ctx),
    ...syncHandlers(ctx),
    ...videoHandlers(() => ctx.scope()?.video ?? null, ctx.kick),
    ...lockHandlers(ctx),
  });
  // Locked: nothing about residents is answered until the password is given again.
  const registry: Registry = {
    dispatch: (name, input) =>
      ctx.lock.locked() && !allowedWhileLocked(name)
        ? Promise.resolve(fail('locked', 'The workstation is locked.'))
        : handlers.dispatch(name, input),
  };
  return {
    registry,
    events: ctx.events,
    lock: () => void ctx.lock.lockNow(),
    mediaOpen: () => ctx.scope()?.video.inCall() ?? false,
    notificationsOptedIn: () => ctx.scope()?.settings.get().desktopNotifications ?? false,
    rendererGone: () => ctx.scope()?.video.leave(),
    wake() {
      void ctx.connection.check();
      ctx.kick();
    },
    async dispose() {
      ctx.connection.stop();
      ctx.lock.dispose();
      await ctx.session.signOut();
    },
  };
}
