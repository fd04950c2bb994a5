import { describe, expect, it } from 'vitest';
import { urgencyClasses, urgencyRank } from '../../shared/care-guarantee/urgency';
import {
  type QueueItem,
  compareQueueItems,
  kindOfSearch,
  queueKeys,
  searchText,
  toQueueItem,
} from '../../shared/queue/queue-item';
import { matchesProfile, noQueueFilter, routeFor, routingKeysOf } from '../../shared/queue/routing';
import { newQueueTask } from '../../shared/queue/task-conventions';

const item = (over: Partial<QueueItem> = {}): QueueItem => ({
  id: 'x',
  versionId: '1',
  kind: 'chat',
  urgency: 'P5',
  status: 'requested',
  contactAt: '2025-03-05T08:00:00.000Z',
  deadline: '2025-03-05T21:59:59.999Z',
  regionalTarget: '2025-03-12T08:00:00.000Z',
  holder: null,
  resident: { id: 'r', name: 'Testi', age: 40, language: 'fi' },
  reason: '',
  profession: 'nurse',
  theme: 'general',
  ...over,
});
const nurse = { id: 'n1', roles: ['nurse'], profession: 'nurse', languages: ['fi'], themes: ['elderly'] };

describe('queue order', () => {
  it('urgency first, then deadline, then oldest', () => {
    const items = [
      item({ id: 'old-p5', contactAt: '2025-03-01T08:00:00.000Z' }),
      item({ id: 'p2', urgency: 'P2' }),
      item({ id: 'p5-soon', deadline: '2025-03-05T10:00:00.000Z' }),
      item({ id: 'p0', urgency: 'P0' }),
      item({ id: 'new-p5', contactAt: '2025-03-05T09:00:00.000Z' }),
    ];
    expect(items.sort(compareQueueItems).map((i) => i.id)).toEqual(['p0', 'p2', 'p5-soon', 'old-p5', 'new-p5']);
  });
});

describe('skill routing', () => {
  it('shows a nurse her profession, her languages and her themes (and general)', () => {
    expect(matchesProfile(item(), nurse)).toBe(true);
    expect(matchesProfile(item({ theme: 'elderly' }), nurse)).toBe(true);
    expect(matchesProfile(item({ theme: 'mental-health' }), nurse)).toBe(false);
    expect(matchesProfile(item({ profession: 'doctor' }), nurse)).toBe(false);
    expect(matchesProfile(item({ resident: { id: 'r', name: 'T', age: 3, language: 'sv' } }), nurse)).toBe(false);
  });
  it('always shows what she holds, and team leads see everything', () => {
    expect(matchesProfile(item({ profession: 'doctor', holder: { id: 'n1', name: 'N' } }), nurse)).toBe(true);
    expect(
      matchesProfile(item({ profession: 'social_worker', theme: 'child-family' }), { ...nurse, roles: ['team_lead'] }),
    ).toBe(true);
  });
});

describe('urgent contacts and filters', () => {
  it('shows P0–P2 to every clinician whatever her profession, languages and themes', () => {
    for (const urgency of ['P0', 'P1', 'P2'] as const) {
      const arabicForDoctors = item({
        urgency,
        profession: 'doctor',
        theme: 'mental-health',
        resident: { id: 'r', name: 'T', age: 30, language: 'ar' },
      });
      expect(matchesProfile(arabicForDoctors, nurse), urgency).toBe(true);
      expect(
        matchesProfile(arabicForDoctors, { ...nurse, roles: ['social_worker'], profession: 'social_worker' }),
        urgency,
      ).toBe(true);
    }
    expect(
      matchesProfile(item({ urgency: 'P3', resident: { id: 'r', name: 'T', age: 30, language: 'ar' } }), nurse),
    ).toBe(false);
  });
  it('narrows by urgency, kind, language and holder, but never hides an urgent contact', () => {
    const routes = (over: Partial<QueueItem>, viewer: typeof nurse | null, filter: Partial<typeof noQueueFilter>) =>
      routeFor(viewer, { ...noQueueFilter, ...filter })(routingKeysOf(item(over)));
    expect(routes({ urgency: 'P4' }, null, { urgencies: ['P5'] })).toBe(false);
    expect(routes({ urgency: 'P5' }, null, { urgencies: ['P5'] })).toBe(true);
    expect(routes({ kind: 'photo' }, null, { kinds: ['chat'] })).toBe(false);
    expect(routes({ resident: { id: 'r', name: 'T', age: 3, language: 'sv' } }, null, { languages: ['fi'] })).toBe(
      false,
    );
    expect(routes({ holder: { id: 'other', name: 'O' } }, nurse, { holder: 'mine' })).toBe(false);
    expect(routes({ holder: { id: 'n1', name: 'N' } }, nurse, { holder: 'mine' })).toBe(true);
    expect(routes({ holder: { id: 'n1', name: 'N' } }, nurse, { holder: 'unclaimed' })).toBe(false);
    const everyFilter = {
      urgencies: ['P5' as const],
      kinds: ['chat' as const],
      languages: ['fi'],
      holder: 'mine' as const,
    };
    expect(
      routes(
        { urgency: 'P1', kind: 'self-assessment', resident: { id: 'r', name: 'T', age: 3, language: 'so' } },
        nurse,
        everyFilter,
      ),
    ).toBe(true);
  });
  it('reads the kind back from the stored search text', () => {
    expect(kindOfSearch(searchText('Aino Ärrä', 'kuume ja yskä', 'self-assessment'))).toBe('self-assessment');
  });
});

describe('task to queue item', () => {
  it('reads kind, urgency, theme, resident and the care-guarantee deadline from the Task', () => {
    const task = {
      ...newQueueTask({
        id: 't1',
        kind: 'photo',
        urgency: 'P2',
        patientId: 'p1',
        authoredOn: '2025-03-05T08:00:00.000Z',
        description: 'Kuva haavasta',
        theme: 'elderly',
      }),
      meta: { versionId: '3' },
    };
    const patient = {
      resourceType: 'Patient' as const,
      id: 'p1',
      name: [{ family: 'Virtanen', given: ['Aili'] }],
      birthDate: '1940-05-01',
      communication: [{ language: { coding: [{ code: 'sv' }] }, preferred: true }],
    };
    expect(toQueueItem(task, patient)).toMatchObject({
      id: 't1',
      versionId: '3',
      kind: 'photo',
      urgency: 'P2',
      theme: 'elderly',
      reason: 'Kuva haavasta',
      resident: { name: 'Aili Virtanen', age: 84, language: 'sv' },
      deadline: '2025-03-05T12:00:00.000Z',
    });
  });
});

describe('contacts with odd data', () => {
  it('a Task with no date at all is still listed, as due at once, instead of stopping sync', () => {
    const task = {
      ...newQueueTask({ kind: 'chat', urgency: 'P5', patientId: 'p', authoredOn: '', description: 'x' }),
      id: 't',
    };
    delete (task as { authoredOn?: string }).authoredOn;
    const listed = toQueueItem(task, undefined);
    expect(listed.deadline).toBe(new Date(0).toISOString());
  });
});

describe('queue index keys', () => {
  // The index stores only keys and the item is derived when shown: the two must never disagree.
  it('agree with the item for every urgency class, any hour of the week, with and without the resident', () => {
    const patient = {
      resourceType: 'Patient' as const,
      id: 'p1',
      name: [{ family: 'Åberg', given: ['Örjan'] }],
      communication: [{ language: { coding: [{ code: 'sv' }] }, preferred: true }],
    };
    let checked = 0;
    for (const urgency of urgencyClasses) {
      for (let hour = 0; hour < 24 * 7; hour += 5) {
        const authoredOn = new Date(Date.UTC(2025, 11, 20) + hour * 3_600_000 + 17 * 60_000).toISOString(); // includes Christmas holidays
        const task = {
          ...newQueueTask({
            id: `t-${urgency}-${hour}`,
            kind: 'chat',
            urgency,
            patientId: 'p1',
            authoredOn,
            description: 'Kuume ja YSKÄ',
          }),
          ...(hour % 2 ? { owner: { reference: 'Practitioner/n1' } } : {}),
        };
        for (const resident of [patient, undefined]) {
          const item = toQueueItem(task, resident);
          expect(queueKeys(task, resident)).toEqual({
            id: item.id,
            rank: urgencyRank(item.urgency),
            deadline: item.deadline,
            contactAt: item.contactAt,
            residentId: item.resident.id,
            profession: item.profession,
            language: item.resident.language,
            theme: item.theme,
            holderId: item.holder?.id ?? null,
            search: searchText(item.resident.name, item.reason, item.kind),
          });
          checked += 1;
        }
      }
    }
    expect(checked).toBe(urgencyClasses.length * 34 * 2);
    expect(
      queueKeys(
        newQueueTask({
          id: 'x',
          kind: 'chat',
          urgency: 'P5',
          patientId: 'p1',
          authoredOn: '2025-03-05T08:00:00.000Z',
          description: 'Kuume',
        }),
        patient,
      ).search,
    ).toBe('örjan åberg kuume chat');
  });

  it('lists a Task with an unreadable date as due at once instead of failing', () => {
    const task = newQueueTask({
      id: 'x',
      kind: 'chat',
      urgency: 'P5',
      patientId: 'p1',
      authoredOn: 'not a date',
      description: '',
    });
    expect(queueKeys(task, undefined).deadline).toBe('1970-01-01T00:00:00.000Z');
    expect(toQueueItem(task, undefined).deadline).toBe('1970-01-01T00:00:00.000Z');
  });
});
