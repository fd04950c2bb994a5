import type { WritableDb } from '../cache/db';
import { ContractError, type Language, type SessionState, type User, defaultSettings } from '../../shared/contract';
import type { TokenPair } from '../../shared/protocol/auth';
import { BackendError, BackendUnreachableError, type BackendClient } from '../backend-client/backend-client';
import { type KeyWrapper, backendKeyWrapper } from '../cache/cache-key';
import type { OpenCacheOptions } from '../cache/open-cache';
import { openUserCache } from '../cache/user-cache';
import { userDir } from '../cache/user-cache-path';
import { profileLanguage } from '../settings/profile-language';
import { wipeCache } from '../cache/wipe-cache';
import { type DeviceIdentity, deviceProof, newDeviceKey } from './device-identity';
import { proofHashOf } from './proof-hash';
import { type KeyValueFileFactory, type SettingsStore, createSettingsStore } from '../settings/settings-store';

export interface SignedIn {
  user: User;
  db: WritableDb;
  settings: SettingsStore;
  tokens: TokenPair;
}

export interface SessionDeps {
  dataDir: string;
  device: DeviceIdentity;
  /** Shown in the administrator's device list. */
  appVersion: string;
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
  /**
   * Signs in; on a device not enrolled yet the answer is the notice `enrollment_required` (the
   * screen asks for the administrator's code, sent here as `enrollmentCode`).
   */
  signIn(username: string, password: string, enrollmentCode?: string): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /**
   * Rotates the tokens because `used` was refused. One refresh at a time: a caller that arrives
   * while one is under way, or after one replaced `used`, shares it (the backend revokes the
   * whole token family when a spent refresh token is sent again). A refused refresh means the
   * session has ended: the user is signed out with the notice `session_ended` (their drafts
   * stay in their cache) and this throws `unauthenticated`. When the administrator revoked this
   * device, the user's cache is erased and the notice is `device_revoked`.
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
    const { db, tokens, user } = signedIn;
    signedIn = null;
    notice = why;
    db.close();
    // A revoked device keeps nothing of its user: cache, drafts and kept text go, and so does its key.
    if (why === 'device_revoked') {
      wipeCache(deps.dataDir, user.id);
      deps.device.forget();
    }
    // Ending the server-side session is best effort: offline sign-out must still lock the
    // workstation, and an ended session has nothing left to end.
    if (!why) await deps.backend.logout(tokens.refreshToken).catch(() => undefined);
    deps.onChange(state());
    return state();
  }

  /** Enrolls this device with the administrator's code; false when the code was refused. */
  async function enroll(code: string): Promise<boolean> {
    const key = await newDeviceKey();
    try {
      const proof = await deviceProof(key, deps.device.id, '/auth/enroll');
      await deps.backend.enroll({
        code,
        deviceId: deps.device.id,
        publicJwk: key.publicJwk,
        appVersion: deps.appVersion,
        proof,
      });
    } catch (error) {
      if (error instanceof BackendError && (error.status === 401 || error.status === 403 || error.status === 409))
        return false;
      throw error;
    }
    await deps.device.keep(key);
    return true;
  }

  const told = (why: SessionState['notice']): SessionState => {
    notice = why;
    deps.onChange(state());
    return state();
  };

  return {
    state,
    current: () => signedIn,
    async signIn(username, password, enrollmentCode) {
      if (signedIn) throw new ContractError('conflict', 'Someone is already signed in on this workstation.');
      let response;
      try {
        if (enrollmentCode && !(await deps.device.key()) && !(await enroll(enrollmentCode)))
          return told('enrollment_code_invalid');
        const key = await deps.device.key();
        const proof = key ? await deviceProof(key, deps.device.id, '/auth/login') : undefined;
        response = await deps.backend.login({
          username,
          password,
          deviceId: deps.device.id,
          appVersion: deps.appVersion,
          ...(proof ? { proof } : {}),
        });
      } catch (error) {
        if (error instanceof BackendUnreachableError) throw new ContractError('unavailable', error.message);
        if (error instanceof BackendError && error.reason === 'device-not-enrolled') return told('enrollment_required');
        if (error instanceof BackendError && error.reason === 'device-revoked') {
          // Revoked while nobody was signed in: nothing cached here is for this device any more.
          wipeCache(deps.dataDir);
          deps.device.forget();
          return told('device_revoked');
        }
        if (error instanceof BackendError && error.status === 429) return told('sign_in_locked');
        if (error instanceof BackendError && error.status === 401)
          throw new ContractError('unauthenticated', error.message);
        throw error;
      }
      const { user, ...tokens } = response;
      // The cache key unwraps only with the backend's per-user key, released to this session.
      const wrappers = [
        backendKeyWrapper((salt) => deps.backend.cacheKey(tokens.accessToken, salt)),
        ...(deps.osKeyWrapper ? [deps.osKeyWrapper] : []),
      ];
      let opened;
      try {
        opened = await openUserCache(deps.dataDir, user.id, wrappers, deps.cacheOptions);
      } catch (error) {
        await deps.backend.logout(tokens.refreshToken).catch(() => undefined);
        if (error instanceof BackendUnreachableError) throw new ContractError('unavailable', error.message);
        // The backend would not release the cache's key to this session (revoked in between).
        if (error instanceof BackendError && error.status === 401)
          throw new ContractError('unauthenticated', error.message);
        throw error;
      }
      // Until she picks one herself, a user works in her profile's language.
      const language = profileLanguage(user, deps.deviceLanguage?.() ?? defaultSettings.language);
      signedIn = {
        user,
        db: opened.db,
        tokens,
        settings: createSettingsStore(deps.settingsFile(userDir(deps.dataDir, user.id)), {
          ...defaultSettings,
          language,
        }),
      };
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
          const key = await deps.device.key();
          const { refreshToken } = current.tokens;
          const proof = key
            ? await deviceProof(key, deps.device.id, '/auth/refresh', proofHashOf(refreshToken))
            : undefined;
          current.tokens = await deps.backend.refresh({
            refreshToken,
            deviceId: deps.device.id,
            ...(proof ? { proof } : {}),
          });
        } catch (error) {
          if (!(error instanceof BackendError && error.status === 401)) throw error;
          const why =
            error.reason === 'device-revoked'
              ? 'device_revoked'
              : error.reason === 'session-expired'
                ? 'session_expired'
                : 'session_ended';
          if (signedIn === current) await end(why);
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
