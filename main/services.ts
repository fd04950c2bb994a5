import { randomUUID } from 'node:crypto';
import type { Task } from '@medplum/fhirtypes';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../shared/contract';
import { catalogs } from '../shared/i18n';
import { type SignedInClient, createBackendClient } from './backend-client/backend-client';
import type { OpenCacheOptions } from './cache/open-cache';
import { createConnectionMonitor } from './connection/connection-monitor';
import { type EventBus, createEventBus } from './ipc/event-bus';
import { type Registry, createRegistry } from './ipc/registry';
import { claim, escalate, release, transfer } from './queue/claims';
import { colleagues } from './queue/colleagues';
import { createVideoService, type VideoService } from './video/video-service';
import { keepAppointment, videoHandlers } from './video/video-handlers';
import { chatThread, markThreadRead, saveUnsent, sendChatMessage } from './chat/chat-service';
import { keepText, readKept } from './cache/kept-text';
import { listTemplates, mayMaintainTemplates, organisationOf, saveTemplate } from './chat/templates-store';
import { addChatExcerpts, annotatePhoto, correctDocumentation, documentationSummary, openDocumentation, stepDocumentation } from './documentation/documentation-service';
import { ensureQueueIndex } from './queue/queue-index';
import { warmQueueKeys } from './queue/queue-order';
import { queryQueue } from './queue/queue-store';
import { isRequestFor } from '../shared/queue/queue-item';
import { noQueueFilter } from '../shared/queue/routing';
import { residentContext } from './resident/resident-context';
import { residentPhoto, residentPhotos } from './resident/photo';
import { createSession } from './session/session';
import { conflictCount, listConflicts, resolveConflict } from './sync/conflicts';
import { pendingCount } from './cache/outbox';
import { readResource } from './cache/resources';
import { type RealtimeClient, connectRealtime } from './sync/realtime-client';
import { type SyncEngine, createSyncEngine } from './sync/sync-engine';
import { type KeyValueFileFactory, createSettingsStore } from './settings/settings-store';

export interface MainServicesOptions {
  dataDir: string;
  backendUrl: string;
  host: 'electron' | 'browser';
  version: string;
  settingsFile: KeyValueFileFactory;
  cacheOptions?: OpenCacheOptions;
  connectionIntervalMs?: number;
  /** Tests watch or hold the workstation's HTTP traffic to the backend through this. */
  fetch?: typeof fetch;
}

export interface MainServices {
  registry: Registry;
  events: EventBus;
  /** After laptop sleep or a network change: probe and sync now instead of waiting for timers. */
  wake(): void;
  /** Camera and microphone are granted to the window only while a video call is open. */
  mediaOpen(): boolean;
  /** The window was reloaded or closed: a call it held is left, so nothing stays "in call". */
  rendererGone(): void;
  dispose(): Promise<void>;
}

/** A stable id for this installation, used to bind tokens to the enrolled device. */
function deviceId(dataDir: string): string {
  const file = join(dataDir, 'device-id');
  if (!existsSync(file)) writeFileSync(file, randomUUID(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/**
 * The composition root of everything main does, with no Electron in it: the Electron shell and
 * the browser host both build this and only differ in how the contract reaches the renderer.
 */
export function createMainServices(options: MainServicesOptions): MainServices {
  mkdirSync(options.dataDir, { recursive: true });
  const events = createEventBus();
  const backend = createBackendClient(options.backendUrl, options.fetch ? { fetch: options.fetch } : {});
  const deviceSettings = createSettingsStore(options.settingsFile(join(options.dataDir, 'device')));
  const session = createSession({
    dataDir: options.dataDir,
    deviceId: deviceId(options.dataDir),
    backend,
    settingsFile: options.settingsFile,
    ...(options.cacheOptions ? { cacheOptions: options.cacheOptions } : {}),
    onChange: (state) => events.emit('session.changed', state),
    onSigningOut: () => stopSync(),
  });
  const counts = () => {
    const db = session.current()?.db;
    return db ? { pending: pendingCount(db), conflicts: conflictCount(db) } : { pending: 0, conflicts: 0 };
  };
  let engine: SyncEngine | null = null;
  let syncClient: SignedInClient | null = null;
  const queueChanged = () => events.emit('queue.changed', { at: new Date().toISOString() });
  let realtime: RealtimeClient | null = null;
  let video: VideoService | null = null;
  const startSync = () => {
    const current = session.current();
    if (!current) return;
    const tokens = { accessToken: () => current.tokens.accessToken, refresh: (used: string) => session.refresh(used) };
    const client = backend.signedIn(tokens);
    syncClient = client;
    let known = conflictCount(current.db);
    const sync = createSyncEngine({
      db: current.db,
      client,
      onState: (state) => {
        connection.report(state);
        const now = conflictCount(current.db);
        if (now !== known) events.emit('sync.conflicts', listConflicts(current.db));
        known = now;
      },
      onProgress: (progress) => events.emit('sync.progress', progress),
      onChanged: queueChanged,
    });
    engine = sync;
    sync.kick();
    video = createVideoService({
      backendUrl: options.backendUrl,
      tokens,
      client,
      onFrame: (frame) => events.emit('video.frame', frame),
      onLink: (state) => events.emit('video.link', { state }),
      onEnded: (appointment) => keepAppointment(current.db, appointment),
    });
    realtime = connectRealtime({ backendUrl: options.backendUrl, tokens, onChanged: () => sync.kick(), onTyping: (taskId) => events.emit('chat.typing', { taskId }) });
  };
  const stopSync = () => {
    video?.stop();
    video = null;
    realtime?.stop();
    realtime = null;
    engine?.stop();
    engine = null;
    syncClient = null;
  };
  const online = () => {
    if (!syncClient) throw new ContractError('unavailable', 'Not connected to the regional service.');
    return syncClient;
  };
  const afterQueueWrite = <T>(result: T): T => {
    queueChanged();
    engine?.kick();
    return result;
  };
  const connection = createConnectionMonitor({
    probe: async () => {
      await backend.health();
      // Back online (or awake after sleep): sync without waiting for the engine's timer.
      engine?.kick();
    },
    counts,
    onChange: (status) => events.emit('connection.changed', status),
    ...(options.connectionIntervalMs ? { onlineIntervalMs: options.connectionIntervalMs } : {}),
  });
  const signedIn = () => {
    const current = session.current();
    if (!current) throw new ContractError('unauthenticated', 'Sign in first.');
    return current;
  };

  const registry = createRegistry({
    'app.info': () => ({ name: 'Kaari', version: options.version, host: options.host, backendUrl: options.backendUrl }),
    'session.get': () => session.state(),
    'session.signIn': async ({ username, password }) => {
      const state = await session.signIn(username, password);
      const current = session.current();
      if (current) {
        ensureQueueIndex(current.db);
        warmQueueKeys(current.db);
      }
      startSync();
      return state;
    },
    'session.signOut': () => session.signOut(),
    'settings.get': () => session.current()?.settings.get() ?? deviceSettings.get(),
    'settings.update': (patch) => {
      const updated = signedIn().settings.update(patch);
      // The sign-in screen greets the next user in the language last used on this device.
      if (patch.language) deviceSettings.update({ language: patch.language });
      return updated;
    },
    'settings.setDeviceLanguage': ({ language }) => {
      const device = deviceSettings.update({ language });
      return session.current()?.settings.get() ?? device;
    },
    'connection.get': () => connection.status(),
    'sync.conflicts': () => listConflicts(signedIn().db),
    'queue.list': ({ mineOnly, filter, text, offset, limit }) => {
      const { db, user } = signedIn();
      return queryQueue(db, { viewer: mineOnly ? user : null, filter: filter ?? null, me: user.id, text, offset, limit });
    },
    'queue.inbox': () => {
      const { db, user } = signedIn();
      const held = queryQueue(db, { viewer: null, filter: { ...noQueueFilter, holder: 'mine' }, me: user.id, text: '', offset: 0, limit: 500 });
      return { items: held.items.filter((item) => isRequestFor(item, user.id)) };
    },
    'queue.claim': async ({ id }) => {
      const { db } = signedIn();
      return afterQueueWrite(await claim(online(), db, id));
    },
    'queue.release': async ({ id }) => {
      const { db, user } = signedIn();
      return afterQueueWrite(await release(online(), db, user, id));
    },
    'queue.escalate': async ({ id, note }) => {
      const { db, user } = signedIn();
      return afterQueueWrite(await escalate(online(), db, user, id, note));
    },
    'queue.transfer': async ({ id, toStaffId, note }) => {
      const { db, user } = signedIn();
      const to = colleagues(db).find((c) => c.id === toStaffId);
      if (!to) throw new ContractError('not_found', 'No such colleague in the staff directory.');
      return afterQueueWrite(await transfer(online(), db, user, id, to, note));
    },
    'staff.colleagues': () => colleagues(signedIn().db),
    'documentation.open': ({ taskId }) => {
      const { db, user } = signedIn();
      return openDocumentation(db, user, taskId);
    },
    'documentation.step': ({ draftId, request }) => {
      const { db, user } = signedIn();
      const view = stepDocumentation(db, user, draftId, request);
      // A signature queued the record: send it now rather than at the next round.
      if (view.state === 'signed') engine?.kick();
      return view;
    },
    'documentation.correct': ({ draftId, reason }) => {
      const { db, user } = signedIn();
      return correctDocumentation(db, user, draftId, reason);
    },
    'documentation.addChatExcerpts': ({ taskId, messageIds }) => {
      const { db, user, settings } = signedIn();
      return addChatExcerpts(db, user, taskId, messageIds, catalogs[settings.get().language].chat.resident);
    },
    'documentation.summary': ({ draftId }) => documentationSummary(signedIn().db, draftId),
    'resident.context': ({ residentId }) => residentContext(signedIn().db, residentId),
    'queue.focus': ({ id }) => {
      const task = readResource(signedIn().db, 'Task', id) as Task | null;
      const [type, focusId] = task?.focus?.reference?.split('/') ?? [];
      return type && focusId ? { type, id: focusId } : null;
    },
    'resident.photo': ({ mediaId, size }) => residentPhoto(signedIn().db, mediaId, size),
    'photos.list': ({ mediaId }) => residentPhotos(signedIn().db, mediaId),
    'documentation.annotatePhoto': ({ taskId, annotations }) => {
      const { db, user } = signedIn();
      return annotatePhoto(db, user, taskId, annotations);
    },
    'chat.thread': ({ taskId }) => {
      const { db, user, settings } = signedIn();
      return chatThread(db, user, taskId, settings.get().language);
    },
    'chat.send': (input) => {
      const { db, user, settings } = signedIn();
      sendChatMessage(db, user, input, settings.get().language, randomUUID());
      return afterQueueWrite(chatThread(db, user, input.taskId, settings.get().language));
    },
    'templates.list': () => {
      const { db, user } = signedIn();
      return { canEdit: mayMaintainTemplates(user), templates: listTemplates(db, organisationOf(db, user.id)).map(({ id, text }) => ({ id, text })) };
    },
    'templates.save': (input) => {
      const { db, user } = signedIn();
      saveTemplate(db, user, input);
      engine?.kick();
      return { canEdit: true, templates: listTemplates(db, organisationOf(db, user.id)).map(({ id, text }) => ({ id, text })) };
    },
    'kept.read': ({ key }) => ({ value: readKept(signedIn().db, key) }),
    'kept.save': ({ key, value }) => {
      keepText(signedIn().db, key, value);
      return { saved: true };
    },
    'chat.saveUnsent': (input) => {
      saveUnsent(signedIn().db, input);
      return { saved: true };
    },
    'chat.markRead': ({ taskId }) => {
      const { db, user } = signedIn();
      const read = markThreadRead(db, user, taskId);
      if (read > 0) engine?.kick();
      return { read };
    },
    'chat.typing': ({ taskId }) => ({ sent: realtime?.typing(taskId) ?? false }),
    ...videoHandlers(() => video, () => engine?.kick()),
    'sync.resolveConflict': ({ id, keep }) => {
      const { db } = signedIn();
      resolveConflict(db, id, keep);
      engine?.kick();
      connection.report(connection.status().state);
      return listConflicts(db);
    },
  });

  return {
    registry,
    events,
    mediaOpen: () => video?.inCall() ?? false,
    rendererGone: () => video?.leave(),
    wake() {
      void connection.check();
      engine?.kick();
    },
    async dispose() {
      connection.stop();
      await session.signOut();
    },
  };
}
