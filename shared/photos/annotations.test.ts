import type { Composition } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { DraftContext } from '../documentation/draft';
import { photoAnnotationsExtension, signedRecordEntries } from '../documentation/to-fhir';
import { annotationSummary, recordWords } from './annotation-summary';
import { PhotoAnnotations, measuredMillimetres } from './annotations';

// A 4000 × 3000 photo with a 2-euro coin (25.75 mm) 400 px across.
const marks: PhotoAnnotations = {
  mediaId: 'media-1',
  width: 4000,
  height: 3000,
  reference: { from: { x: 0.1, y: 0.5 }, to: { x: 0.2, y: 0.5 }, millimetres: 25.75 },
  shapes: [
    { kind: 'arrow', from: { x: 0.3, y: 0.3 }, to: { x: 0.45, y: 0.45 } },
    // 600 px upright: the fractions are of the height here, so 600/400 × 25.75.
    { kind: 'measure', from: { x: 0.5, y: 0.4 }, to: { x: 0.5, y: 0.6 } },
    { kind: 'text', at: { x: 0.6, y: 0.2 }, text: 'reuna punoittaa' },
  ],
};

describe('marks on a photo', () => {
  it('measures in millimetres from the marked reference, in the picture’s own pixels whatever its shape', () => {
    const measure = marks.shapes[1];
    if (measure?.kind !== 'measure') throw new Error('fixture');
    expect(measuredMillimetres(marks, measure.from, measure.to)).toBeCloseTo(38.625, 3);
    expect(measuredMillimetres({ ...marks, reference: null }, measure.from, measure.to)).toBeNull();
  });

  it('reads as one line in the record, and a length without a scale says so', () => {
    expect(annotationSummary(marks, recordWords)).toBe(
      'Merkinnät kuvaan: nuoli; mittaus 39 mm; teksti "reuna punoittaa"',
    );
    expect(
      annotationSummary({ ...marks, reference: null, shapes: [marks.shapes[1] ?? marks.shapes[0]!] }, recordWords),
    ).toBe('Merkinnät kuvaan: mittaus ei mittakaavaa');
    expect(annotationSummary({ ...marks, shapes: [] }, recordWords)).toBe('');
  });

  it('refuses points outside the picture and marks without substance', () => {
    expect(
      PhotoAnnotations.safeParse({ ...marks, shapes: [{ kind: 'arrow', from: { x: 1.2, y: 0 }, to: { x: 0, y: 0 } }] })
        .success,
    ).toBe(false);
    expect(
      PhotoAnnotations.safeParse({ ...marks, shapes: [{ kind: 'text', at: { x: 0, y: 0 }, text: '  ' }] }).success,
    ).toBe(false);
    expect(PhotoAnnotations.safeParse({ ...marks, reference: { ...marks.reference, millimetres: 0 } }).success).toBe(
      false,
    );
  });

  it('go into the signed record beside the photo: its section names the Media and carries the marks as data, never a changed picture', () => {
    const nurse = { id: 'staff-nurse-aino', name: 'Aino Virtanen', profession: 'nurse' as const };
    const ctx: DraftContext = {
      kind: 'photo-review',
      taskId: 't1',
      residentId: 'r1',
      residentBirthDate: '1980-03-01',
      contactAt: '2026-12-01T08:00:00.000Z',
      author: nurse,
      startedAt: '2026-12-01T08:00:00.000Z',
      fields: {
        photoFinding: 'Haava pienentynyt',
        photoAnnotations: [marks],
        reasonText: 'Haava',
        reasonCode: 'S06',
        followUp: 'Uusi kuva viikon päästä',
        urgency: 'P5',
        assessmentText: 'Paranee',
        planKind: 'self-care',
        careGivenInSameContact: true,
        planText: 'Jatka hoitoa',
        contactMode: 'photo',
        serviceType: 'T11',
      },
      assessedAt: '2026-12-01T08:10:00.000Z',
      history: [],
      cosign: null,
      signed: { at: '2026-12-01T08:40:00.000Z', by: nurse },
      blockedBy: [],
    };
    const entries = signedRecordEntries(
      ctx,
      { encounter: 'e', composition: 'c', condition: 'd', observation: 'o', carePlan: 'p' },
      { resourceType: 'Task', id: 't1', status: 'in-progress', intent: 'order' },
    );
    const composition = entries.find((e) => e.resource?.resourceType === 'Composition')?.resource as Composition;
    const section = composition.section?.find((s) => s.code?.coding?.[0]?.code === 'photoReview');
    expect(section?.text?.div).toContain('Haava pienentynyt<br/>Merkinnät kuvaan: nuoli; mittaus 39 mm');
    expect(section?.entry).toEqual([{ reference: 'Media/media-1' }]);
    expect(
      JSON.parse(section?.extension?.find((x) => x.url === photoAnnotationsExtension)?.valueString ?? '{}'),
    ).toEqual(marks);
  });
});
