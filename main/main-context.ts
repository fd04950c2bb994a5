import { join } from 'node:path';
import { ContractError } from '../shared/contract';
import { type JsonCalls, type SignedInClient, createBackendClient } from './backend-client/backend-client';
import type { KeyWrapper } from './cache/cache-key';
import type { OpenCacheOptions } from './cache/open-cache';
import { conflictCount, pendingCount } from './cache/outbox';
import { privateDir } from './cache/private-files';
import { holdsUnsentWork, markUnsentWork, purgeStaleCaches } from './cache/purge';
import { userDir } from './cache/user-cache-path';
import { type ConnectionMonitor, createConnectionMonitor } from './connection/connection-monitor';
import { type EventBus, createEventBus } from './ipc/event-bus';
import { SecurityPolicy } from './lifecycle/policy';
import { type WorkstationLock, createWorkstationLock } from './lifecycle/workstation-lock';
import { type SignedInScope, createSignedInScope } from './scope/signed-in-scope';
import { deviceIdentity, fileKeystore } from './session/device-identity';
import { dropStatedReasonResidents } from './sync/scope';
import { type Session, createSession } from './session/session';
import { checkedBackendUrl } from './policy/backend-url';
import { type KeyValueFileFactory, type SettingsStore, createSettingsStore } from './settings/settings-store';

export interface MainServicesOptions {
  dataDir: string;
  backendUrl: string;
  host: 'electron' | 'browser';
  version: string;
  settingsFile: KeyValueFileFactory;
  cacheOptions?: OpenCacheOptions;
  /** The OS keychain's layer over each cache key (Electron safeStorage), where there is one. */
  osKeyWrapper?: KeyWrapper | undefined;
  connectionIntervalMs?: number;
  /** Idle lock, offline age, purge, photo budget; the defaults where not given. */
  policy?: Partial<SecurityPolicy>;
  /** Tests watch or hold the workstation's HTTP traffic to the backend through this. */
  fetch?: typeof fetch;
}

/** What every group of handlers (main/<domain>/handlers.ts) is given. */
export interface MainContext {
  options: MainServicesOptions;
  events: EventBus;
  session: Session;
  deviceSettings: SettingsStore;
  connection: ConnectionMonitor;
  policy: SecurityPolicy;
  lock: WorkstationLock;
  /** The signed-in scope, or null when nobody is signed in. */
  scope(): SignedInScope | null;
  /** The signed-in scope; throws `unauthenticated` when nobody is. */
  signedIn(): SignedInScope;
  /** The backend client for calls that need the backend now (claims); throws `unavailable` when there is none. */
  online(): SignedInClient & JsonCalls;
  /** After a local write: views refresh from the cache and sync sends it now. */
  afterWrite<T>(result: T): T;
  /** Sync now (a record signed, a message read). */
  kick(): void;
}

/**
 * Builds what main holds for its whole life (events, backend client, connection monitor,
 * session, device settings) and keeps the signed-in scope: created at sign-in, disposed, all of
 * it, when the session ends for any reason (sign-out, a session the backend ended, shutdown).
 */
export function createMainContext(options: MainServicesOptions): MainContext {
  // Health data and tokens never cross a network in clear text: http:// only to this computer.
  checkedBackendUrl(options.backendUrl);
  privateDir(options.dataDir);
  const policy = SecurityPolicy.parse(options.policy ?? {});
  // Caches of colleagues who stopped using this workstation go before anyone signs in.
  purgeStaleCaches(options.dataDir, policy.purgeAfterDays, new Date());
  const events = createEventBus();
  const backend = createBackendClient(options.backendUrl, options.fetch ? { fetch: options.fetch } : {});
  let scope: SignedInScope | null = null;
  const queueChanged = () => events.emit('queue.changed', { at: new Date().toISOString() });
  const lock: WorkstationLock = createWorkstationLock({
    policy,
    onChange: (state) => events.emit('lock.changed', state),
    inCall: () => scope?.video.inCall() ?? false,
    onTooManyAttempts: () => void session.signOut(),
  });
  const connection = createConnectionMonitor({
    probe: async () => {
      await backend.health();
      lock.contact();
      // Back online (or awake after sleep): sync without waiting for the engine's timer.
      scope?.engine.kick();
    },
    counts: () =>
      scope ? { pending: pendingCount(scope.db), conflicts: conflictCount(scope.db) } : { pending: 0, conflicts: 0 },
    onChange: (status) => events.emit('connection.changed', status),
    ...(options.connectionIntervalMs ? { onlineIntervalMs: options.connectionIntervalMs } : {}),
  });
  const deviceSettings = createSettingsStore(options.settingsFile(join(options.dataDir, 'device')));
  const session: Session = createSession({
    dataDir: options.dataDir,
    deviceLanguage: () => deviceSettings.get().language,
    // The device key: sealed by the OS keychain in Electron, a 0600 file in the browser host.
    device: deviceIdentity(options.dataDir, fileKeystore(join(options.dataDir, 'device-key'), options.osKeyWrapper)),
    appVersion: options.version,
    backend,
    settingsFile: options.settingsFile,
    ...(options.cacheOptions ? { cacheOptions: options.cacheOptions } : {}),
    ...(options.osKeyWrapper ? { osKeyWrapper: options.osKeyWrapper } : {}),
    onChange: (state) => events.emit('session.changed', state),
    onSignedIn: (signedIn) => {
      purgeStaleCaches(options.dataDir, policy.purgeAfterDays, new Date(), signedIn.user.id);
      // Until a clean sign-out says otherwise (a crash says nothing), assume it holds unsent work.
      markUnsentWork(userDir(options.dataDir, signedIn.user.id), true);
      scope = createSignedInScope({
        signedIn,
        session,
        backend,
        backendUrl: options.backendUrl,
        events,
        connection,
        queueChanged,
        photoBudgetBytes: policy.photoCacheMb * 1024 * 1024,
      });
    },
    onSigningOut: () => {
      lock.signedOut();
      // What was opened with a stated reason does not stay on the laptop after the session.
      if (scope) dropStatedReasonResidents(scope.db);
      // The purge cannot read a closed cache: it is told here whether this one holds unsent work.
      if (scope) markUnsentWork(userDir(options.dataDir, scope.user.id), holdsUnsentWork(scope.db));
      scope?.dispose();
      scope = null;
    },
  });
  const signedIn = (): SignedInScope => {
    if (!scope) throw new ContractError('unauthenticated', 'Sign in first.');
    return scope;
  };
  return {
    options,
    events,
    session,
    connection,
    policy,
    lock,
    deviceSettings,
    scope: () => scope,
    signedIn,
    online: () => signedIn().client,
    afterWrite(result) {
      queueChanged();
      scope?.engine.kick();
      return result;
    },
    kick: () => scope?.engine.kick(),
  };
}
