import { accessHandlers } from './access/handlers';
import { adminHandlers } from './admin/handlers';
import { chatHandlers } from './chat/handlers';
import { documentationHandlers } from './documentation/handlers';
import { createRegistry } from './ipc/registry';
import { keptHandlers } from './kept/handlers';
import { guardedWhileLocked, lockHandlers } from './lifecycle/lock-handlers';
import { type MainServicesOptions, createMainContext } from './main-context';
import type { MainServices } from './main-services';
import { queueHandlers } from './queue/handlers';
import { recentHandlers } from './recent/handlers';
import { residentHandlers } from './resident/handlers';
import { sessionHandlers } from './session/handlers';
import { staffHandlers } from './staff/handlers';
import { syncHandlers } from './sync/handlers';
import { videoHandlers } from './video/video-handlers';

export type { MainServices, MainServicesOptions };

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
  return {
    registry: guardedWhileLocked(handlers, () => ctx.lock.locked()),
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
