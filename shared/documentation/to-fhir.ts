import type {
  Appointment,
  BundleEntry,
  CarePlan,
  Composition,
  CompositionSection,
  Condition,
  Encounter,
  Extension,
  Observation,
  Resource,
  Task,
} from '@medplum/fhirtypes';
import type { DraftContext } from './draft';
import { reasonCodeByIcpc2, icd10System, icpc2System } from './reason-codes';
import { annotationSummary, recordWords } from '../photos/annotation-summary';
import { careGuaranteeRecord } from './signing-rules';
import { selfCarePlanExtensionOf, selfCarePlanOf } from './resident-summary';
import { type StepId, flows } from './steps';

export const careGuaranteeExtension = 'urn:kaari:fhir:care-guarantee-record';
const headingSystem = 'urn:kaari:documentation-heading';

/** The national headings in the resident's record, Finnish titles as in Kanta. */
const headingTitles: Partial<Record<StepId, string>> = {
  transcript: 'Keskustelu',
  consultQuestion: 'Konsultaatiokysymys',
  photoReview: 'Kuvan arvio',
  reason: 'Tulosyy',
  screening: 'Seulonta',
  measurements: 'Mittaukset',
  history: 'Esitiedot',
  currentState: 'Nykytila',
  assessment: 'Hoidon tarpeen arvio',
  plan: 'Suunnitelma',
  followUp: 'Jatkohoito',
};

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const narrative = (text: string) => ({
  status: 'generated' as const,
  div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escape(text).replace(/\n/g, '<br/>')}</p></div>`,
});

export const photoAnnotationsExtension = 'urn:kaari:fhir:photo-annotations';

/** The reviewed photos as the section's entries, and the marks drawn on them as data beside them. */
function photoSection(ctx: DraftContext): Pick<CompositionSection, 'entry' | 'extension'> {
  const annotations = ctx.fields.photoAnnotations ?? [];
  if (annotations.length === 0) return {};
  return {
    entry: annotations.map((a) => ({ reference: `Media/${a.mediaId}` })),
    extension: annotations.map((a) => ({ url: photoAnnotationsExtension, valueString: JSON.stringify(a) })),
  };
}

function sectionText(ctx: DraftContext, step: StepId): string {
  const f = ctx.fields;
  switch (step) {
    case 'transcript':
      return (f.transcriptExcerpts ?? []).join('\n');
    case 'consultQuestion':
      return f.consultQuestion ?? '';
    case 'photoReview':
      return [f.photoFinding ?? '', ...(f.photoAnnotations ?? []).map((a) => annotationSummary(a, recordWords))]
        .filter(Boolean)
        .join('\n');
    case 'reason':
      return `${f.reasonText ?? ''} (ICPC-2 ${f.reasonCode ?? ''})`;
    case 'screening':
      return `PHQ-9: ${f.phq9 ?? ''}`;
    case 'measurements':
      return f.measurementComment ?? '';
    case 'history':
      return f.history ?? '';
    case 'currentState':
      return f.currentState ?? '';
    case 'assessment':
      return `${f.urgency ?? ''}: ${f.assessmentText ?? ''}`;
    case 'plan':
      return `${f.planText ?? ''}${f.planKind === 'appointment' ? ` (${f.planWithinDays} vrk)` : ''}`;
    case 'followUp':
      return f.followUp ?? '';
    case 'review':
      return '';
  }
}

export interface SignedIds {
  encounter: string;
  composition: string;
  condition: string;
  observation: string;
  carePlan: string;
}

/** Who else took part in a video visit (an interpreter or family member let in), by name only. */
const videoGuests = (visit: Appointment | undefined) =>
  (visit?.participant ?? [])
    .filter((p) => p.status === 'accepted' && !p.actor?.reference && p.actor?.display)
    .map((p) => ({
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'PART',
              display: 'Participation',
            },
          ],
        },
      ],
      individual: { display: p.actor?.display ?? '' },
    }));

/**
 * The signed draft as one FHIR transaction: Encounter (with the care-guarantee record), the
 * Composition under the national headings, the reason as a Condition, PHQ-9 as an Observation,
 * the shared care plan where chosen, and the contact's Task completed (conditional on the
 * version the draft was based on). Ids are made by the caller so a retry sends the same ones.
 */
export function signedRecordEntries(
  ctx: DraftContext,
  ids: SignedIds,
  task: Task & { id: string },
  visit?: Appointment,
): BundleEntry[] {
  const record = careGuaranteeRecord(ctx);
  if (!record || !ctx.signed)
    throw new Error('Only a signed draft with a complete care-guarantee record becomes a record');
  const f = ctx.fields;
  const subject = { reference: `Patient/${ctx.residentId}` };
  const author = { reference: `Practitioner/${ctx.signed.by.id}`, display: ctx.signed.by.name };
  // The co-signing doctor is named on every part of the record he sends (the backend requires the writer to be named).
  const cosigner = ctx.signed.cosignedBy
    ? { reference: `Practitioner/${ctx.signed.cosignedBy.id}`, display: ctx.signed.cosignedBy.name }
    : null;
  const code = reasonCodeByIcpc2(record.reasonCode);
  const reason = {
    coding: [
      { system: icpc2System, code: record.reasonCode, display: code?.fi },
      ...(code ? [{ system: icd10System, code: code.icd10 }] : []),
    ],
    text: f.reasonText,
  };
  const ext = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });
  const encounter: Encounter = {
    resourceType: 'Encounter',
    id: ids.encounter,
    status: 'finished',
    class:
      record.contactMode === 'in-person'
        ? { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }
        : { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR' },
    type: [{ coding: [{ system: 'urn:oid:1.2.246.537.6.1244', code: record.thlContactType }] }],
    serviceType: { coding: [{ system: 'urn:kaari:avohilmo-service-type', code: record.serviceType }] },
    subject,
    participant: [
      { individual: author },
      ...(ctx.signed.cosignedBy
        ? [
            {
              individual: {
                reference: `Practitioner/${ctx.signed.cosignedBy.id}`,
                display: ctx.signed.cosignedBy.name,
              },
            },
          ]
        : []),
      ...videoGuests(visit),
    ],
    period: visit?.start
      ? { start: visit.start, end: visit.end ?? ctx.signed.at }
      : { start: record.contactAt, end: ctx.signed.cosignedAt ?? ctx.signed.at },
    ...(visit?.id ? { appointment: [{ reference: `Appointment/${visit.id}` }] } : {}),
    reasonCode: [reason],
    extension: [
      {
        url: careGuaranteeExtension,
        extension: [
          ext('contactAt', { valueDateTime: record.contactAt }),
          ext('assessedAt', { valueDateTime: record.assessedAt }),
          ext('professionalGroup', { valueCode: record.professionalGroup }),
          ext('urgency', { valueCode: record.urgency }),
          ext('contactMode', { valueCode: record.contactMode }),
          ext('serviceType', { valueCode: record.serviceType }),
          ext('reasonCode', { valueCode: record.reasonCode }),
          ext('careGivenInSameContact', { valueBoolean: record.careGivenInSameContact }),
          ...(record.nextStepDeadline ? [ext('nextStepDeadline', { valueDateTime: record.nextStepDeadline })] : []),
          ext('ruleVersion', { valueString: record.ruleVersion }),
        ],
      },
    ],
  };
  const sections: CompositionSection[] = flows[ctx.kind].steps
    .filter((s) => headingTitles[s] && sectionText(ctx, s).trim())
    .map((s) => ({
      title: headingTitles[s],
      code: { coding: [{ system: headingSystem, code: s }] },
      text: narrative(sectionText(ctx, s)),
      ...(s === 'photoReview' ? photoSection(ctx) : {}),
    }));
  const selfCare = selfCarePlanOf(f);
  const composition: Composition = {
    resourceType: 'Composition',
    id: ids.composition,
    ...(selfCare ? { extension: [selfCarePlanExtensionOf(selfCare)] } : {}),
    status: 'final',
    type: {
      coding: [
        { system: 'http://loinc.org', code: '11488-4', display: 'Consult note' },
        { system: 'urn:kaari:documentation-flow', code: ctx.kind },
      ],
    },
    subject,
    encounter: { reference: `Encounter/${ids.encounter}` },
    date: ctx.signed.cosignedAt ?? ctx.signed.at,
    author: [author],
    title: 'Hoidon tarpeen arviointi',
    section: sections,
    ...(ctx.signed.cosignedBy
      ? {
          attester: [
            {
              mode: 'professional' as const,
              time: ctx.signed.cosignedAt,
              party: { reference: `Practitioner/${ctx.signed.cosignedBy.id}` },
            },
          ],
        }
      : {}),
  };
  const condition: Condition = {
    resourceType: 'Condition',
    id: ids.condition,
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' }] },
    ],
    code: reason,
    subject,
    encounter: { reference: `Encounter/${ids.encounter}` },
    recordedDate: ctx.signed.at,
    recorder: author,
    ...(cosigner ? { asserter: cosigner } : {}),
  };
  const extra: Resource[] = [];
  if (f.phq9 !== undefined) {
    const phq9: Observation = {
      resourceType: 'Observation',
      id: ids.observation,
      status: 'final',
      category: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey' }] },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6', display: 'PHQ-9 total score' }] },
      subject,
      encounter: { reference: `Encounter/${ids.encounter}` },
      effectiveDateTime: record.assessedAt,
      performer: cosigner ? [author, cosigner] : [author],
      valueInteger: f.phq9,
    };
    extra.push(phq9);
  }
  if (f.carePlanGoal?.trim()) {
    const plan: CarePlan = {
      resourceType: 'CarePlan',
      id: ids.carePlan,
      status: 'active',
      intent: 'plan',
      subject,
      encounter: { reference: `Encounter/${ids.encounter}` },
      created: ctx.signed.at,
      author,
      ...(cosigner ? { contributor: [cosigner] } : {}),
      description: f.carePlanGoal,
    };
    extra.push(plan);
  }
  const completed: Task = { ...task, status: 'completed', encounter: { reference: `Encounter/${ids.encounter}` } };
  const put = (r: Resource & { id?: string }, ifMatch?: string): BundleEntry => ({
    resource: r,
    request: { method: 'PUT', url: `${r.resourceType}/${r.id}`, ...(ifMatch ? { ifMatch: `W/"${ifMatch}"` } : {}) },
  });
  return [
    put(encounter),
    put(composition),
    put(condition),
    ...extra.map((r) => put(r)),
    put(completed, task.meta?.versionId),
  ];
}
