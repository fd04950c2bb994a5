import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContractError } from '../shared/contract';
import { createBackendClient } from './backend-client/backend-client';
import type { OpenCacheOptions } from './cache/open-cache';
import { createConnectionMonitor } from './connection/connection-monitor';
import { type EventBus, createEventBus } from './ipc/event-bus';
import { type Registry, createRegistry } from './ipc/registry';
import { createSession } from './session/session';
import { type KeyValueFileFactory, createSettingsStore } from './settings/settings-store';

export interface MainServicesOptions {
  dataDir: string;
  backendUrl: string;
  host: 'electron' | 'browser';
  version: string;
  settingsFile: KeyValueFileFactory;
  cacheOptions?: OpenCacheOptions;
  connectionIntervalMs?: number;
}

export interface MainServices {
  registry: Registry;
  events: EventBus;
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
  const backend = createBackendClient(options.backendUrl);
  const deviceSettings = createSettingsStore(options.settingsFile(join(options.dataDir, 'device')));
  const session = createSession({
    dataDir: options.dataDir,
    deviceId: deviceId(options.dataDir),
    backend,
    settingsFile: options.settingsFile,
    ...(options.cacheOptions ? { cacheOptions: options.cacheOptions } : {}),
    onChange: (state) => events.emit('session.changed', state),
  });
  const pendingChanges = (): number => {
    const db = session.current()?.db;
    if (!db) return 0;
    return (db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
  };
  const connection = createConnectionMonitor({
    probe: async () => {
      await backend.health();
    },
    pending: pendingChanges,
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
      void connection.check();
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
  });

  return {
    registry,
    events,
    async dispose() {
      connection.stop();
      await session.signOut();
    },
  };
}
