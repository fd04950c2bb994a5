import type { Composition, Consent, Media, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import type { WritableDb } from '../cache/db';
import { citizenDataConsent, isCitizenGenerated } from '../../shared/fhir/citizen-data-consent';
import { describeMeasurement } from '../../shared/fhir/measurements';
import { answeredQuestions, questionnaireOf } from '../../shared/fhir/self-assessment';
import type { ResidentContext } from '../../shared/resident/resident-context';
import { residentContacts } from '../queue/queue-store';
import { logAccess } from '../cache/access-log';
import { readAbout } from '../cache/resources';
import { isHeld } from '../cache/resident-scope';

const perSection = 20;

/** Everything the cache holds about one resident, as listed beside the opened contact (`inCare`: a team lead's view). */
export function residentContext(db: WritableDb, residentId: string, inCare = false): ResidentContext {
  const of = <T extends Resource>(type: T['resourceType']) => readAbout<T>(db, residentId, type);
  const newest = <T>(items: T[], at: (t: T) => string) =>
    [...items].sort((a, b) => at(b).localeCompare(at(a))).slice(0, perSection);

  const consent = citizenDataConsent(of<Consent>('Consent'));
  const observations = of<Observation>('Observation');
  const shown = observations.filter((o) => !isCitizenGenerated(o) || consent === 'given');
  const context: ResidentContext = {
    contacts: residentContacts(db, residentId),
    selfAssessments: newest(of<QuestionnaireResponse>('QuestionnaireResponse'), (q) => q.authored ?? '').map((q) => ({
      id: q.id ?? '',
      authored: q.authored ?? '',
      questionnaire: questionnaireOf(q),
      answers: answeredQuestions(q),
    })),
    photos: newest(of<Media>('Media'), (m) => m.createdDateTime ?? '').map((m) => ({
      id: m.id ?? '',
      taken: m.createdDateTime ?? '',
      title: m.content.title ?? '',
    })),
    measurements: {
      consent,
      items: newest(shown, (o) => o.effectiveDateTime ?? '').map((o) => ({
        id: o.id ?? '',
        at: o.effectiveDateTime ?? '',
        ...describeMeasurement(o),
      })),
      withheld: observations.length - shown.length,
    },
    documents: newest(of<Composition>('Composition'), (c) => c.date).map((c) => ({
      id: c.id ?? '',
      date: c.date,
      title: c.title,
      author: c.author[0]?.display ?? '',
    })),
    inCare: inCare || isHeld(db, residentId),
  };
  // What was shown is what was read: withheld measurements are not in the log.
  logAccess(db, 'resident-context', [
    `Patient/${residentId}`,
    ...context.contacts.map((c) => `Task/${c.id}`),
    ...context.selfAssessments.map((q) => `QuestionnaireResponse/${q.id}`),
    ...context.photos.map((p) => `Media/${p.id}`),
    ...context.measurements.items.map((m) => `Observation/${m.id}`),
    ...context.documents.map((d) => `Composition/${d.id}`),
  ]);
  return context;
}
