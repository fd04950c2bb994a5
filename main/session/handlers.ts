import type { Handlers } from '../ipc/registry';
import type { MainContext } from '../main-context';

type Names =
  | 'app.info'
  | 'session.get'
  | 'session.signIn'
  | 'session.signOut'
  | 'settings.get'
  | 'settings.update'
  | 'settings.setDeviceLanguage'
  | 'connection.get';

/** Who is signed in, their settings and the device's, and the connection. */
export function sessionHandlers(ctx: MainContext): Pick<Handlers, Names> {
  const { options, session, deviceSettings } = ctx;
  return {
    'app.info': () => ({ name: 'Kaari', version: options.version, host: options.host, backendUrl: options.backendUrl }),
    'session.get': () => session.state(),
    async 'session.signIn'({ username, password, enrollmentCode }) {
      const state = await session.signIn(username, password, enrollmentCode);
      // Unlocking later checks the password here, offline too: a salted hash, in memory only.
      if (state.user) await ctx.lock.signedIn(password);
      return state;
    },
    'session.signOut': () => session.signOut(),
    'settings.get': () => ctx.scope()?.settings.get() ?? deviceSettings.get(),
    'settings.update': (patch) => {
      const updated = ctx.signedIn().settings.update(patch);
      // The sign-in screen greets the next user in the language last used on this device.
      if (patch.language) deviceSettings.update({ language: patch.language });
      return updated;
    },
    'settings.setDeviceLanguage': ({ language }) => {
      const device = deviceSettings.update({ language });
      return ctx.scope()?.settings.get() ?? device;
    },
    'connection.get': () => ctx.connection.status(),
  };
}
