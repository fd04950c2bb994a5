import type { QueueItem } from '../../../shared/queue/queue-item';

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
