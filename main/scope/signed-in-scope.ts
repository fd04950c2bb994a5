import type { User } from '../../shared/contract';
import type { BackendClient, JsonCalls, SignedInClient } from '../backend-client/backend-client';
import type { WritableDb } from '../cache/db';
import { conflictCount } from '../cache/outbox';
import { prunePhotos, trackPhotoCache } from '../cache/photo-cache';
import type { ConnectionMonitor } from '../connection/connection-monitor';
import type { EventBus } from '../ipc/event-bus';
import { DisposableStore, toDisposable } from '../lifecycle/disposables';
import { ensureQueueIndex } from '../queue/queue-index';
import { warmQueueKeys } from '../queue/queue-order';
import type { Session, SignedIn } from '../session/session';
import type { SettingsStore } from '../settings/settings-store';
import { listConflicts } from '../sync/conflicts';
import { type RealtimeClient, connectRealtime } from '../sync/realtime-client';
import { reconcileScope } from '../sync/scope';
import { type SyncEngine, createSyncEngine } from '../sync/sync-engine';
import { keepAppointment } from '../video/video-handlers';
import { type VideoService, createVideoService } from '../video/video-service';

/**
 * Everything that exists only while someone is signed in: their cache and settings, the
 * backend client with their token, the sync engine, the realtime socket and the video service.
 * Created at sign-in, disposed (all of it, in reverse order) when the session ends for any reason.
 */
export interface SignedInScope {
  user: User;
  db: WritableDb;
  settings: SettingsStore;
  client: SignedInClient & JsonCalls;
  engine: SyncEngine;
  realtime: RealtimeClient;
  video: VideoService;
  dispose(): void;
}

export interface ScopeDeps {
  signedIn: SignedIn;
  session: Session;
  backend: BackendClient;
  backendUrl: string;
  events: EventBus;
  connection: ConnectionMonitor;
  queueChanged(): void;
  /** The policy's budget for cached photos. */
  photoBudgetBytes: number;
}

export function createSignedInScope(deps: ScopeDeps): SignedInScope {
  const { signedIn, events } = deps;
  const { db } = signedIn;
  const store = new DisposableStore();
  // The queue index follows every cache write from now on; its keys are read in the background.
  ensureQueueIndex(db);
  warmQueueKeys(db);
  // Photos are weighed as they are written; over the budget, the least recently viewed go.
  trackPhotoCache(db);
  prunePhotos(db, deps.photoBudgetBytes);
  const tokens = {
    accessToken: () => signedIn.tokens.accessToken,
    refresh: (used: string) => deps.session.refresh(used),
  };
  const client = deps.backend.signedIn(tokens);
  let known = conflictCount(db);
  const engine = createSyncEngine({
    db,
    client,
    onState: (state) => {
      deps.connection.report(state);
      const now = conflictCount(db);
      if (now !== known) events.emit('sync.conflicts', listConflicts(db));
      known = now;
    },
    onProgress: (progress) => events.emit('sync.progress', progress),
    onChanged: () => {
      prunePhotos(db, deps.photoBudgetBytes);
      deps.queueChanged();
    },
    reconcile: (fresh, consentChanged) => reconcileScope(db, client, { fresh, consentChanged }),
  });
  store.add(toDisposable(() => engine.stop()));
  const video = createVideoService({
    backendUrl: deps.backendUrl,
    tokens,
    client,
    onFrame: (frame) => events.emit('video.frame', frame),
    onLink: (state) => events.emit('video.link', { state }),
    onEnded: (appointment) => keepAppointment(db, appointment),
  });
  store.add(toDisposable(() => video.stop()));
  const realtime = connectRealtime({
    backendUrl: deps.backendUrl,
    tokens,
    onChanged: () => engine.kick(),
    onTyping: (taskId) => events.emit('chat.typing', { taskId }),
  });
  store.add(toDisposable(() => realtime.stop()));
  engine.kick();
  return {
    user: signedIn.user,
    db,
    settings: signedIn.settings,
    client,
    engine,
    realtime,
    video,
    dispose: () => store.dispose(),
  };
}
