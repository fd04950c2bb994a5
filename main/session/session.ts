import type { WritableDb } from '../cache/db';
import { ContractError, type Language, type SessionState, type User, defaultSettings } from '../../shared/contract';
import type { TokenPair } from '../../shared/protocol/auth';
import { BackendError, BackendUnreachableError, type BackendClient } from '../backend-client/backend-client';
import { type KeyWrapper, backendKeyWrapper } from '../cache/cache-key';
import type { OpenCacheOptions } from '../cache/open-cache';
import { openUserCache } from '../cache/user-cache';
import { userDir } from '../cache/user-cache-path';
import { profileLanguage } from '../settings/profile-language';
import { type KeyValueFileFactory, type SettingsStore, createSettingsStore } from '../settings/settings-store';

export interface SignedIn {
  user: User;
  db: WritableDb;
  settings: SettingsStore;
  tokens: TokenPair;
}

export interface SessionDeps {
  dataDir: string;
  deviceId: string;
  backend: BackendClient;
  settingsFile: KeyValueFileFactory;
  /** The language of the sign-in screen: a user whose profile names no workstation language starts in it. */
  deviceLanguage?(): Language;
  cacheOptions?: OpenCacheOptions;
  /** The OS keychain's layer over the backend's (Electron safeStorage); none in the browser host. */
  osKeyWrapper?: KeyWrapper;
  onChange(state: SessionState): void;
  /** Right after sign-in, before anyone is told: what lives while signed in starts here. */
  onSignedIn?(signedIn: SignedIn): void;
  /** Before the signed-in user's cache closes: whatever uses it (sync, realtime) stops first. */
  onSigningOut?(): void;
}

export interface Session {
  state(): SessionState;
  current(): SignedIn | null;
  signIn(username: string, password: string): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /**
   * Rotates the tokens because `used` was refused. One refresh at a time: a caller that arrives
   * while one is under way, or after one replaced `used`, shares it (the backend revokes the
   * whole token family when a spent refresh token is sent again). A refused refresh means the
   * session has ended: the user is signed out with the notice `session_ended` (their drafts
   * stay in their cache) and this throws `unauthenticated`.
   */
  refresh(used: string): Promise<void>;
}

/**
 * Who is signed in on this workstation, and the per-user cache and settings that go with them.
 * Colleagues sharing an office machine get separate folders.
 */
export function createSession(deps: SessionDeps): Session {
  let signedIn: SignedIn | null = null;
  let notice: SessionState['notice'] = null;
  let refreshing: { of: SignedIn; done: Promise<void> } | null = null;
  const state = (): SessionState => ({ user: signedIn?.user ?? null, notice });

  async function end(why: SessionState['notice']): Promise<SessionState> {
    if (!signedIn) return state();
    deps.onSigningOut?.();
    const { db, tokens } = signedIn;
    signedIn = null;
    notice = why;
    db.close();
    // Ending the server-side session is best effort: offline sign-out must still lock the
    // workstation, and an ended session has nothing left to end.
    if (!why) await deps.backend.logout(tokens.refreshToken).catch(() => undefined);
    deps.onChange(state());
    return state();
  }

  return {
    state,
    current: () => signedIn,
    async signIn(username, password) {
      if (signedIn) throw new ContractError('conflict', 'Someone is already signed in on this workstation.');
      let response;
      try {
        response = await deps.backend.login({ username, password, deviceId: deps.deviceId });
      } catch (error) {
        if (error instanceof BackendUnreachableError) throw new ContractError('unavailable', error.message);
        if (error instanceof BackendError && error.status === 401) throw new ContractError('unauthenticated', error.message);
        throw error;
      }
      const { user, ...tokens } = response;
      // The cache key unwraps only with the backend's per-user key, released to this session.
      const wrappers = [backendKeyWrapper((salt) => deps.backend.cacheKey(tokens.accessToken, salt)), ...(deps.osKeyWrapper ? [deps.osKeyWrapper] : [])];
      let opened;
      try {
        opened = await openUserCache(deps.dataDir, user.id, wrappers, deps.cacheOptions);
      } catch (error) {
        await deps.backend.logout(tokens.refreshToken).catch(() => undefined);
        if (error instanceof BackendUnreachableError) throw new ContractError('unavailable', error.message);
        // The backend would not release the cache's key to this session (revoked in between).
        if (error instanceof BackendError && error.status === 401) throw new ContractError('unauthenticated', error.message);
        throw error;
      }
      // Until she picks one herself, a user works in her profile's language.
      const language = profileLanguage(user, deps.deviceLanguage?.() ?? defaultSettings.language);
      signedIn = { user, db: opened.db, tokens, settings: createSettingsStore(deps.settingsFile(userDir(deps.dataDir, user.id)), { ...defaultSettings, language }) };
      notice = opened.movedAside ? 'cache_recovered' : null;
      deps.onSignedIn?.(signedIn);
      deps.onChange(state());
      return state();
    },
    refresh(used) {
      const current = signedIn;
      if (!current) return Promise.reject(new ContractError('unauthenticated', 'Sign in first.'));
      if (current.tokens.accessToken !== used) return Promise.resolve();
      if (refreshing?.of === current) return refreshing.done;
      const done = (async () => {
        try {
          current.tokens = await deps.backend.refresh(current.tokens.refreshToken);
        } catch (error) {
          if (!(error instanceof BackendError && error.status === 401)) throw error;
          if (signedIn === current) await end('session_ended');
          throw new ContractError('unauthenticated', 'The session has ended; sign in again.');
        } finally {
          if (refreshing?.of === current) refreshing = null;
        }
      })();
      refreshing = { of: current, done };
      return done;
    },
    signOut: () => end(null),
  };
}
