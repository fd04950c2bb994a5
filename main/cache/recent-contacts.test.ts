import { join } from 'node:path';
import type { Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { matchesRecent } from '../../shared/queue/recent-contact';
import { tempDir } from '../../test/support/processes';
import { testCacheKey } from '../../test/support/test-cache-key';
import { insertDraft, saveDraftSnapshot } from './draft-table';
import { openCache } from './open-cache';
import { recentContacts } from './recent-contacts';
import { writeResources } from './resources';

const task = (id: string, status: Task['status'], owner?: string): Task & { id: string } => ({
  resourceType: 'Task',
  id,
  status,
  intent: 'order',
  for: { reference: 'Patient/r1' },
  description: `reason ${id}`,
  ...(owner ? { owner: { reference: `Practitioner/${owner}` } } : {}),
});

describe('recent contacts in the cache', () => {
  it('are the ones she held or documented since the cut-off, open and closed, newest first, signed or not', () => {
    const { db } = openCache(join(tempDir('recent'), 'c.sqlite'), { key: testCacheKey() });
    const at = (iso: string, t: Task & { id: string }) =>
      writeResources(db, 'server', [{ resource: t, versionId: '1', lastUpdated: iso, seq: 1 }]);
    at('2026-11-20T10:00:00.000Z', task('held-open', 'in-progress', 'me'));
    at('2026-11-25T10:00:00.000Z', task('held-closed', 'completed', 'me'));
    at('2026-10-01T10:00:00.000Z', task('held-long-ago', 'completed', 'me'));
    at('2026-11-21T10:00:00.000Z', task('someone-elses', 'in-progress', 'other'));
    at('2026-11-01T10:00:00.000Z', task('documented', 'completed', 'other'));
    // Documented by her (her drafts are in her own cache), signed lately though the Task is older.
    insertDraft(db, {
      id: 'd1',
      taskId: 'documented',
      kind: 'chat-visit',
      snapshot: '{}',
      at: '2026-11-22T09:00:00.000Z',
    });
    saveDraftSnapshot(db, 'd1', '{}', '2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.000Z');

    const rows = recentContacts(db, 'me', '2026-11-01T12:00:00.000Z', 100);
    expect(rows.map((r) => [r.task.id, r.task.status, r.signedAt])).toEqual([
      ['held-closed', 'completed', null],
      ['documented', 'completed', '2026-11-22T10:00:00.000Z'],
      ['held-open', 'in-progress', null],
    ]);
    expect(recentContacts(db, 'me', '2026-11-01T12:00:00.000Z', 1).map((r) => r.task.id)).toEqual(['held-closed']);
  });

  it('are found by part of the resident name or the reason, case and accents aside', () => {
    const item = {
      resident: { id: 'r1', name: 'Äijä Söderström', age: 40, language: 'fi' },
      reason: 'Kurkkukipu ja kuume',
    };
    expect(matchesRecent(item, 'soder')).toBe(true);
    expect(matchesRecent(item, 'KUUME äijä')).toBe(true);
    expect(matchesRecent(item, 'yskä')).toBe(false);
  });
});
