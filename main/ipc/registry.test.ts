import { describe, expect, it, vi } from 'vitest';
import { ContractError, callNames, calls, defaultSettings } from '../../shared/contract';
import { type Handlers, createRegistry } from './registry';

const session = { user: null, notice: null };
const connection = {
  state: 'online' as const,
  since: new Date(0).toISOString(),
  lastSyncAt: null,
  pending: 0,
  conflicts: 0,
};
const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'lock.get': () => ({ locked: false, reason: null, idleLockSeconds: 600 }),
  'lock.activity': () => ({ locked: false, reason: null, idleLockSeconds: 600 }),
  'lock.lockNow': () => ({ locked: true, reason: 'manual', idleLockSeconds: 600 }),
  'lock.unlock': () => ({ locked: false, reason: null, idleLockSeconds: 600 }),
  'app.info': () => ({ name: 'Kaari', version: '1', host: 'browser', backendUrl: 'http://127.0.0.1:1' }),
  'session.get': () => session,
  'session.signIn': () => session,
  'session.signOut': () => session,
  'settings.get': () => defaultSettings,
  'settings.update': (patch) => ({ ...defaultSettings, ...patch }),
  'settings.setDeviceLanguage': ({ language }) => ({ ...defaultSettings, language }),
  'connection.get': () => connection,
  'sync.conflicts': () => [],
  'sync.resolveConflict': () => [],
  'queue.list': () => ({ items: [], total: 0, matching: 0 }),
  'queue.inbox': () => ({ items: [] }),
  'contacts.recent': () => ({ items: [] }),
  'queue.claim': () => {
    throw new ContractError('unavailable', 'offline');
  },
  'queue.release': () => {
    throw new ContractError('unavailable', 'offline');
  },
  'queue.escalate': () => {
    throw new ContractError('unavailable', 'offline');
  },
  'queue.transfer': () => {
    throw new ContractError('unavailable', 'offline');
  },
  'staff.colleagues': () => [],
  'documentation.open': () => {
    throw new ContractError('not_found', 'none');
  },
  'documentation.step': () => {
    throw new ContractError('not_found', 'none');
  },
  'documentation.correct': () => {
    throw new ContractError('not_found', 'none');
  },
  'documentation.addChatExcerpts': () => {
    throw new ContractError('not_found', 'none');
  },
  'documentation.summary': () => {
    throw new ContractError('not_found', 'none');
  },
  'queue.focus': () => null,
  'kept.read': () => ({ value: null }),
  'kept.save': () => ({ saved: true }),
  'resident.photo': () => {
    throw new ContractError('not_found', 'none');
  },
  'photos.list': () => [],
  'documentation.annotatePhoto': () => {
    throw new ContractError('not_found', 'none');
  },
  'chat.thread': () => {
    throw new ContractError('not_found', 'none');
  },
  'chat.send': () => {
    throw new ContractError('not_found', 'none');
  },
  'chat.markRead': () => ({ read: 0 }),
  'chat.saveUnsent': () => ({ saved: true }),
  'templates.list': () => ({ canEdit: false, templates: [] }),
  'templates.save': () => {
    throw new ContractError('forbidden', 'no');
  },
  'templates.retire': () => {
    throw new ContractError('forbidden', 'no');
  },
  'chat.typing': () => ({ sent: false }),
  'video.start': () => ({
    appointmentId: 'a',
    taskId: 't',
    patientId: 'p',
    joinPath: '/r/',
    joinUrl: 'http://127.0.0.1:1/r/',
    start: '',
    status: 'open',
  }),
  'video.send': () => ({ sent: false }),
  'video.leave': () => ({ left: true }),
  'video.end': () => ({ ended: true }),
  'video.invite': () => ({ url: '', expiresAt: '' }),
  'video.snapshot': () => ({ mediaId: '' }),
  'admin.devices': () => ({ devices: [], notices: [] }),
  'admin.createEnrollmentCode': () => ({ code: 'ABCD-EFGH', expiresAt: new Date(0).toISOString() }),
  'admin.revokeDevice': () => ({ revoked: true }),
  'admin.unlockAccount': () => ({ unlocked: true }),
  'video.iceServers': () => ({ iceServers: [] }),
  'video.deviceCheck': ({ open }) => ({ open }),
  'resident.context': () => ({
    contacts: [],
    selfAssessments: [],
    photos: [],
    measurements: { consent: 'none', items: [], withheld: 0 },
    documents: [],
    inCare: false,
  }),
  'access.openWithReason': () => {
    throw new ContractError('unavailable', 'offline');
  },
  'access.statedReasonLog': () => ({ entries: [] }),
  ...overrides,
});
const quiet = { error: vi.fn() };

describe('contract registry', () => {
  it('declares an input and an output schema for every call', () => {
    for (const name of callNames) {
      expect(calls[name].input.safeParse).toBeTypeOf('function');
      expect(calls[name].output.safeParse).toBeTypeOf('function');
    }
  });

  it('answers a valid call with its typed value', async () => {
    const result = await createRegistry(handlers(), quiet).dispatch('settings.update', { language: 'sv' });
    expect(result).toEqual({ ok: true, value: { ...defaultSettings, language: 'sv' } });
  });

  it('refuses a name that is not in the contract', async () => {
    const result = await createRegistry(handlers(), quiet).dispatch('fs.readFile', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('refuses bad input with the field that is wrong, and never calls the handler', async () => {
    const update = vi.fn();
    const result = await createRegistry(handlers({ 'settings.update': update }), quiet).dispatch('settings.update', {
      language: 'de',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'language' }] } });
    expect(update).not.toHaveBeenCalled();
  });

  it('refuses unexpected extra fields (strict input)', async () => {
    const result = await createRegistry(handlers(), quiet).dispatch('session.signIn', {
      username: 'a',
      password: 'b',
      admin: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns a ContractError into its typed error', async () => {
    const registry = createRegistry(
      handlers({
        'session.signOut': () => {
          throw new ContractError('unavailable', 'down');
        },
      }),
      quiet,
    );
    expect(await registry.dispatch('session.signOut', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'down' },
    });
  });

  it('never sends a stack trace to the UI when a handler crashes', async () => {
    const logger = { error: vi.fn() };
    const registry = createRegistry(
      handlers({
        'session.get': () => {
          throw new Error('secret path /home/x at line 3');
        },
      }),
      logger,
    );
    const result = await registry.dispatch('session.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret path');
    expect(logger.error).toHaveBeenCalled();
  });

  it('does not let a handler leak fields or values outside the output schema', async () => {
    const registry = createRegistry(
      handlers({ 'connection.get': () => ({ ...connection, state: 'exploded' as never }) }),
      quiet,
    );
    expect(await registry.dispatch('connection.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    const stripped = await createRegistry(
      handlers({
        'app.info': () => ({ name: 'K', version: '1', host: 'browser', backendUrl: 'x', token: 'secret' }) as never,
      }),
      quiet,
    ).dispatch('app.info', {});
    expect(JSON.stringify(stripped)).not.toContain('secret');
  });
});
