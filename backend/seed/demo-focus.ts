import type { Faker } from '@faker-js/faker';
import type { Composition, Consent, Media, Observation, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { citizenDataConsentResource } from '../../shared/fhir/citizen-data-consent';
import { bloodPressureObservation, glucoseObservation } from '../../shared/fhir/measurements';
import { questionnaireUrl } from '../../shared/fhir/self-assessment';
import type { ContactKind } from '../../shared/queue/task-conventions';
import { bodySiteSystem, bodySites, photoViewSystem, photoViews } from '../../shared/photos/body-sites';
import { photoCase } from './demo-photos';
import { demoStaff } from './demo-staff';

export type FocusResource = QuestionnaireResponse | Media | Observation | Consent | Composition;

const answer = (linkId: string, text: string, value: string | boolean | number) => ({
  linkId,
  text,
  answer: [
    typeof value === 'string'
      ? { valueString: value }
      : typeof value === 'boolean'
        ? { valueBoolean: value }
        : { valueInteger: value },
  ],
});

function selfAssessment(f: Faker, patientId: string, at: string, reason: string): QuestionnaireResponse {
  const mood = reason.includes('mieliala');
  const urinary = reason.includes('virtsatie');
  const items = mood
    ? [
        answer('phq9-total', 'PHQ-9 pisteet', f.number.int({ min: 3, max: 19 })),
        answer('sleep', 'Univaikeuksia', f.datatype.boolean()),
      ]
    : urinary
      ? [
          answer('dysuria', 'Kirvelyä virtsatessa', true),
          answer('fever', 'Kuumetta', f.datatype.boolean()),
          answer('days', 'Oireiden kesto (vrk)', f.number.int({ min: 1, max: 5 })),
        ]
      : [
          answer('fever', 'Kuume (°C)', f.helpers.arrayElement(['37,8', '38,4', '39,1'])),
          answer('breathing', 'Hengenahdistusta', false),
          answer('days', 'Oireiden kesto (vrk)', f.number.int({ min: 1, max: 7 })),
        ];
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: questionnaireUrl(
      mood ? 'mental-wellbeing' : urinary ? 'urinary-tract-infection' : 'respiratory-infection',
    ),
    subject: { reference: `Patient/${patientId}` },
    authored: at,
    item: items,
  };
}

/**
 * What a contact is about, as the resource its Task points to (Task.focus): the self-assessment,
 * the photo, the measurement (with the resident's consent decision), and for handled contacts
 * the documentation written afterwards.
 */
export function focusFor(f: Faker, kind: ContactKind, task: Task, index: number): FocusResource[] {
  const patientId = task.for?.reference?.replace(/^Patient\//, '') ?? '';
  const at = task.authoredOn ?? '';
  const id = `focus-${String(index + 1).padStart(6, '0')}`;
  const out: FocusResource[] = [];
  if (kind === 'self-assessment') out.push({ ...selfAssessment(f, patientId, at, task.description ?? ''), id });
  if (kind === 'photo') {
    // The photo sent with the contact, and one of the same place a week before it, so every photo contact has a pair to compare.
    const { bodySite } = photoCase(task.description ?? '', patientId);
    const weekBefore = new Date(Date.parse(at) - 7 * 24 * 3600 * 1000).toISOString();
    const media = (mediaId: string, when: string): Media => ({
      resourceType: 'Media',
      id: mediaId,
      status: 'completed',
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/media-type', code: 'image', display: 'Image' }],
      },
      subject: { reference: `Patient/${patientId}` },
      bodySite: { coding: [{ system: bodySiteSystem, code: bodySite, display: bodySites[bodySite] }] },
      view: { coding: [{ system: photoViewSystem, code: 'close-up', display: photoViews['close-up'] }] },
      createdDateTime: when,
      content: { contentType: 'image/jpeg', title: task.description ?? '' },
    });
    out.push({ ...media(id, at), partOf: [{ reference: `Task/${task.id ?? ''}` }] }, media(`${id}-before`, weekBefore));
  }
  if (kind === 'measurement') {
    const bp = (task.description ?? '').includes('Verenpaine');
    out.push({
      ...(bp
        ? bloodPressureObservation(
            patientId,
            at,
            f.number.int({ min: 118, max: 172 }),
            f.number.int({ min: 72, max: 104 }),
          )
        : glucoseObservation(patientId, at, f.number.float({ min: 4.8, max: 11.5, fractionDigits: 1 }))),
      id,
    });
    // Most residents who send measurements have agreed to show them; some never decided, a few withdrew.
    const decision = f.helpers.weightedArrayElement([
      { weight: 7, value: 'permit' as const },
      { weight: 2, value: null },
      { weight: 1, value: 'deny' as const },
    ]);
    if (decision)
      out.push({
        ...citizenDataConsentResource(patientId, decision, at),
        id: `consent-${String(index + 1).padStart(6, '0')}`,
      });
  }
  if (task.status === 'completed' && f.number.float() < 0.5) {
    const author = f.helpers.arrayElement(demoStaff.filter((s) => s.profession !== 'it_admin'));
    out.push({
      resourceType: 'Composition',
      id: `doc-${String(index + 1).padStart(6, '0')}`,
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }] },
      subject: { reference: `Patient/${patientId}` },
      date: at,
      author: [{ reference: `Practitioner/${author.id}`, display: author.displayName }],
      title: 'Hoidon tarpeen arviointi',
    });
  }
  return out;
}
