import { fail } from '../../shared/contract';
import type { Handlers, Registry } from '../ipc/registry';
import type { MainContext } from '../main-context';

type Names = 'lock.get' | 'lock.activity' | 'lock.lockNow' | 'lock.unlock';

/** The session lock: state, activity from the renderer, lock now, unlock by password. */
export function lockHandlers(ctx: MainContext): Pick<Handlers, Names> {
  const { lock } = ctx;
  return {
    'lock.get': () => lock.state(),
    'lock.activity': () => lock.activity(),
    'lock.lockNow': () => lock.lockNow(),
    async 'lock.unlock'({ password }) {
      const state = await lock.unlock(password);
      // Views refused their reads while locked: they fetch again now.
      ctx.events.emit('queue.changed', { at: new Date().toISOString() });
      return state;
    },
  };
}

const openWhileLocked = new Set<string>([
  'app.info',
  'session.get',
  'session.signOut',
  'settings.get',
  'connection.get',
  'kept.save',
]);

/**
 * What main still answers while locked: the lock itself, signing out (switching user), the
 * session and device basics for the lock screen, the video call, which goes on behind it, and
 * keeping text typed just before the lock (answered with a yes, nothing read). Nothing that
 * reads residents' data.
 */
export const allowedWhileLocked = (name: unknown): boolean =>
  typeof name === 'string' &&
  (openWhileLocked.has(name) || name.startsWith('lock.') || (name.startsWith('video.') && name !== 'video.start'));

/** Locked: nothing about residents is answered until the password is given again. */
export const guardedWhileLocked = (registry: Registry, locked: () => boolean): Registry => ({
  dispatch: (name, input) =>
    locked() && !allowedWhileLocked(name)
      ? Promise.resolve(fail('locked', 'The workstation is locked.'))
      : registry.dispatch(name, input),
});
