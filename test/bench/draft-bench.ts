import { join } from 'node:path';
import { openCache } from '../../main/cache/open-cache';
import { openDraft, sendToDraft } from '../../main/documentation/drafts';
import type { DraftEvent } from '../../shared/documentation/events';
import { tempDir } from '../support/processes';
import { percentile } from './stats';
import type { BenchResult } from './sync-bench';
import { testCacheKey } from '../support/cache-key';

/** One documentation step end to end in main: restore the machine, send, commit the snapshot (synchronous=FULL). */
export function draftStepBench(steps = 2000): BenchResult[] {
  const { db } = openCache(join(tempDir('bench-draft'), 'cache.sqlite'), { key: testCacheKey() });
  const author = { id: 'staff-nurse-aino', name: 'Aino Virtanen', profession: 'nurse' as const };
  const draft = openDraft(db, {
    kind: 'chat-visit',
    taskId: 'task-1',
    residentId: 'r1',
    residentBirthDate: '1970-01-01',
    contactAt: '2026-11-24T08:00:00.000Z',
    author,
    startedAt: '2026-11-24T08:05:00.000Z',
  });
  const events: DraftEvent[] = [
    {
      type: 'UPDATE',
      patch: { reasonText: 'Kuume ja yskä kolme päivää, ei hengenahdistusta', reasonCode: 'R74' },
      at: '2026-11-24T08:06:00.000Z',
    },
    { type: 'NEXT' },
    { type: 'UPDATE', patch: { history: 'Ei perussairauksia. '.repeat(20) }, at: '2026-11-24T08:07:00.000Z' },
    { type: 'BACK' },
  ];
  const samples: number[] = [];
  for (let i = 0; i < steps; i += 1) {
    const t = performance.now();
    sendToDraft(db, draft.id, events[i % events.length]!);
    samples.push(performance.now() - t);
  }
  db.close();
  return [
    {
      name: 'documentation step: restore machine, send event, commit snapshot, p50',
      value: Math.round(percentile(samples, 0.5) * 100) / 100,
      unit: 'ms',
    },
    {
      name: 'documentation step p99 (goal ≤ 2 ms)',
      value: Math.round(percentile(samples, 0.99) * 100) / 100,
      unit: 'ms',
    },
  ];
}
