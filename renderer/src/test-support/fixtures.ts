import type { QueueItem } from '../../../shared/queue/queue-item';
import type { DraftView } from '../../../shared/documentation/view';

/** A self-assessment contact as the queue lists it (synthetic resident). */
export function queueItem(over: Partial<QueueItem> = {}): QueueItem {
  return {
    id: 'task-1',
    versionId: '1',
    kind: 'self-assessment',
    urgency: 'P1',
    status: 'requested',
    contactAt: '2026-12-01T08:00:00.000Z',
    deadline: '2026-12-01T09:00:00.000Z',
    regionalTarget: '2026-12-01T09:00:00.000Z',
    holder: null,
    resident: { id: 'res-1', name: 'Sanna Testinen', age: 42, language: 'ar' },
    reason: 'Hengitystieinfektio: breathing-difficulty, high-fever',
    profession: 'nurse',
    theme: 'general',
    ...over,
  } as QueueItem;
}

/** A nurse's open chat-visit draft at the given step (synthetic). */
export function draftView(over: Partial<DraftView> = {}): DraftView {
  return {
    id: 'draft-1',
    kind: 'chat-visit',
    taskId: 'task-1',
    residentId: 'res-1',
    author: { id: 'nurse-1', name: 'Aino Hoitaja', profession: 'nurse' },
    state: 'draft',
    step: 'assessment',
    steps: ['transcript', 'reason', 'assessment', 'plan', 'review'],
    fields: {},
    assessedAt: null,
    blockers: [],
    blockedBy: [],
    record: null,
    correction: null,
    history: [],
    cosign: null,
    signed: null,
    ...over,
  };
}
