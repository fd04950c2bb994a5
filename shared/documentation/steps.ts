import type { DraftFields, FieldName, FlowKind } from './draft';

/**
 * The steps flows are composed of, each owning some fields. The national headings of the care
 * need assessment (reason, history, current state, assessment, plan, follow-up) are steps every
 * flow shares; kind-specific steps (photo, measurements, screening...) sit in between.
 */
export const stepIds = [
  'transcript',
  'consultQuestion',
  'photoReview',
  'reason',
  'screening',
  'measurements',
  'history',
  'currentState',
  'assessment',
  'plan',
  'followUp',
  'review',
] as const;
export type StepId = (typeof stepIds)[number];

interface StepDefinition {
  fields: readonly FieldName[];
  /** Fields that must be set to sign, given what else is set. */
  required(fields: DraftFields): readonly FieldName[];
}

const all = (names: readonly FieldName[]) => () => names;

export const steps: Record<StepId, StepDefinition> = {
  transcript: { fields: ['transcriptExcerpts'], required: all([]) },
  consultQuestion: { fields: ['consultQuestion'], required: all(['consultQuestion']) },
  photoReview: { fields: ['photoFinding'], required: all(['photoFinding']) },
  reason: { fields: ['reasonText', 'reasonCode'], required: all(['reasonText', 'reasonCode']) },
  screening: { fields: ['phq9'], required: all(['phq9']) },
  measurements: { fields: ['measurementComment'], required: all(['measurementComment']) },
  history: { fields: ['history'], required: all(['history']) },
  currentState: { fields: ['currentState'], required: all(['currentState']) },
  assessment: { fields: ['urgency', 'assessmentText'], required: all(['urgency', 'assessmentText']) },
  plan: {
    fields: ['planKind', 'planWithinDays', 'careGivenInSameContact', 'planText', 'carePlanGoal'],
    required: (f) => [
      'planKind',
      'careGivenInSameContact',
      'planText',
      ...(f.planKind === 'appointment' ? (['planWithinDays'] as const) : []),
    ],
  },
  followUp: { fields: ['followUp'], required: all(['followUp']) },
  review: { fields: ['contactMode', 'serviceType'], required: all(['contactMode', 'serviceType']) },
};

const core = [
  'reason',
  'history',
  'currentState',
  'assessment',
  'plan',
  'followUp',
  'review',
] as const satisfies readonly StepId[];
const without = (list: readonly StepId[], ...drop: StepId[]) => list.filter((s) => !drop.includes(s));

/** Each flow: its steps in order, and what its record says by default (editable in review). */
export const flows: Record<FlowKind, { steps: readonly StepId[]; defaults: DraftFields }> = {
  'care-need-assessment': { steps: core, defaults: { contactMode: 'message', serviceType: 'T11' } },
  'chat-visit': { steps: ['transcript', ...core], defaults: { contactMode: 'chat', serviceType: 'T11' } },
  'video-visit': { steps: core, defaults: { contactMode: 'video', serviceType: 'T11' } },
  'photo-review': {
    steps: ['photoReview', ...without(core, 'history', 'currentState')],
    defaults: { contactMode: 'photo', serviceType: 'T11' },
  },
  callback: { steps: without(core, 'currentState'), defaults: { contactMode: 'phone', serviceType: 'T11' } },
  'mental-health-screening': {
    steps: ['reason', 'screening', ...without(core, 'reason')],
    defaults: { contactMode: 'chat', serviceType: 'T40' },
  },
  'long-term-follow-up': {
    steps: ['reason', 'measurements', ...without(core, 'reason', 'history')],
    defaults: { contactMode: 'message', serviceType: 'T11' },
  },
  consultation: {
    steps: ['consultQuestion', ...without(core, 'history', 'currentState')],
    defaults: { contactMode: 'message', serviceType: 'T11' },
  },
};

export const stepOf = (field: FieldName): StepId | undefined => stepIds.find((s) => steps[s].fields.includes(field));
