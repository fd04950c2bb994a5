/** The FHIR R4 resource types this product stores, and what each stands for in the workstation. */
export const resourceTypes = [
  'Patient', // resident
  'Practitioner', // staff member
  'PractitionerRole', // staff member's profession, languages, skills
  'Organization', // county, health centre, team
  'Task', // queue item
  'Communication', // chat message
  'QuestionnaireResponse', // symptom self-assessment
  'Media', // patient photo
  'Binary', // photo bytes
  'Appointment', // video visit
  'Encounter', // visit
  'Composition', // documentation
  'Observation', // measurement
  'Condition', // coded problem
  'CarePlan', // shared wellbeing/care plan
  'Consent', // resident's consent to show self-reported data
  'AuditEvent', // access log
  'Basic', // an organisation's chat answer template
] as const;
export type ResourceType = (typeof resourceTypes)[number];
export const isResourceType = (t: unknown): t is ResourceType =>
  typeof t === 'string' && (resourceTypes as readonly string[]).includes(t);

/** Types that hold a resident's data: every read of them is audited. */
export const patientDataTypes: readonly ResourceType[] = [
  'Patient',
  'Task',
  'Communication',
  'QuestionnaireResponse',
  'Media',
  'Binary',
  'Appointment',
  'Encounter',
  'Composition',
  'Observation',
  'Condition',
  'CarePlan',
  'Consent',
];
