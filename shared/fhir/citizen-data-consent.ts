import type { Consent, Observation } from '@medplum/fhirtypes';

/**
 * Citizen-generated data (measurements the resident reports) is shown to professionals only
 * while the resident's latest Consent for it permits: giving and withdrawing are both new
 * Consent resources, so the history of the decision is kept.
 */
export const citizenDataPolicy = { system: 'urn:kaari:consent-policy', code: 'citizen-generated-data' } as const;

export type CitizenDataConsent = 'given' | 'withdrawn' | 'none';

const isCitizenDataConsent = (c: Consent) =>
  c.policyRule?.coding?.some((x) => x.system === citizenDataPolicy.system && x.code === citizenDataPolicy.code) ??
  false;

/** The resident's standing decision, from all their Consents (any order). */
export function citizenDataConsent(consents: readonly Consent[]): CitizenDataConsent {
  const relevant = consents.filter(
    (c) =>
      isCitizenDataConsent(c) && c.status !== 'entered-in-error' && c.status !== 'draft' && c.status !== 'proposed',
  );
  if (relevant.length === 0) return 'none';
  const latest = relevant.reduce((a, b) => ((b.dateTime ?? '') > (a.dateTime ?? '') ? b : a));
  return latest.status === 'active' && latest.provision?.type !== 'deny' ? 'given' : 'withdrawn';
}

/** Self-reported: the resident (a Patient) is the performer. */
export const isCitizenGenerated = (o: Observation): boolean =>
  o.performer?.some((p) => p.reference?.startsWith('Patient/')) ?? false;

/** A Consent resource recording the resident's decision now; valid FHIR R4 (ppc-1: policyRule). */
export function citizenDataConsentResource(patientId: string, decision: 'permit' | 'deny', at: string): Consent {
  return {
    resourceType: 'Consent',
    status: decision === 'permit' ? 'active' : 'inactive',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: { reference: `Patient/${patientId}` },
    dateTime: at,
    policyRule: { coding: [{ ...citizenDataPolicy }] },
    provision: { type: decision },
  };
}
