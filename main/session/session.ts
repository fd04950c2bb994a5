import type Database from 'better-sqlite3';
import { ContractError, type SessionState, type User } from '../../shared/contract';
import type { TokenPair } from '../../shared/protocol/auth';
import { BackendError, BackendUnreachableError, type BackendClient } from '../backend-client/backend-client';
import { type OpenCacheOptions, openCache } from '../cache/open-cache';
import { userCacheFile, userDir } from '../cache/user-cache-path';
import { type KeyValueFileFactory, type SettingsStore, createSettingsStore } from '../settings/settings-store';

export interface SignedIn {
  user: User;
  db: Database.Database;
  settings: SettingsStore;
  tokens: TokenPair;
}

export interface SessionDeps {
  dataDir: string;
  deviceId: string;
  backend: BackendClient;
  settingsFile: KeyValueFileFactory;
  cacheOptions?: OpenCacheOptions;
  onChange(state: SessionState): void;
}

export interface Session {
  state(): SessionState;
  current(): SignedIn | null;
  signIn(username: string, password: string): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /** Rotates the tokens; an ended session (refresh refused) signs the user out. */
  refresh(): Promise<void>;
}

/**
 * Who is signed in on this workstation, and the per-user cache and settings that go with them.
 * Colleagues sharing an office machine get separate folders.
 */
export function createSession(deps: SessionDeps): Session {
  let signedIn: SignedIn | null = null;
  let notice: SessionState['notice'] = null;
  const state = (): SessionState => ({ user: signedIn?.user ?? null, notice });

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
      const opened = openCache(userCacheFile(deps.dataDir, user.id), deps.cacheOptions);
      signedIn = { user, db: opened.db, tokens, settings: createSettingsStore(deps.settingsFile(userDir(deps.dataDir, user.id))) };
      notice = opened.movedAside ? 'cache_recovered' : null;
      deps.onChange(state());
      return state();
    },
    async refresh() {
      const current = signedIn;
      if (!current) throw new ContractError('unauthenticated', 'Sign in first.');
      try {
        current.tokens = await deps.backend.refresh(current.tokens.refreshToken);
      } catch (error) {
        if (error instanceof BackendError && error.status === 401) throw new ContractError('unauthenticated', 'The session has ended; sign in again.');
        throw error;
      }
    },
    async signOut() {
      if (!signedIn) return state();
      const { db, tokens } = signedIn;
      signedIn = null;
      notice = null;
      db.close();
      // Ending the server-side session is best effort: offline sign-out must still lock the workstation.
      await deps.backend.logout(tokens.refreshToken).catch(() => undefined);
      deps.onChange(state());
      return state();
    },
  };
}
