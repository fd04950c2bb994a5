import type { Observation } from '@medplum/fhirtypes';

/** Resident-reported measurements of long-term-illness follow-up, coded in LOINC with UCUM units. */
export const loinc = {
  bloodPressure: '85354-9',
  systolic: '8480-6',
  diastolic: '8462-4',
  glucose: '15074-8',
} as const;

const code = (c: string, display: string) => ({ coding: [{ system: 'http://loinc.org', code: c, display }] });
const vitalSigns = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
];
const mmHg = (value: number) => ({ value, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' });

export function bloodPressureObservation(
  patientId: string,
  at: string,
  systolic: number,
  diastolic: number,
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: vitalSigns,
    code: code(loinc.bloodPressure, 'Blood pressure panel'),
    subject: { reference: `Patient/${patientId}` },
    performer: [{ reference: `Patient/${patientId}` }],
    effectiveDateTime: at,
    component: [
      { code: code(loinc.systolic, 'Systolic blood pressure'), valueQuantity: mmHg(systolic) },
      { code: code(loinc.diastolic, 'Diastolic blood pressure'), valueQuantity: mmHg(diastolic) },
    ],
  };
}

export function glucoseObservation(patientId: string, at: string, mmolPerL: number): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] },
    ],
    code: code(loinc.glucose, 'Glucose [Moles/volume] in Blood'),
    subject: { reference: `Patient/${patientId}` },
    performer: [{ reference: `Patient/${patientId}` }],
    effectiveDateTime: at,
    valueQuantity: { value: mmolPerL, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
  };
}

export type MeasurementKind = 'blood-pressure' | 'glucose' | 'other';

/** What a professional reads in a list: the kind (translated by the UI) and the value with unit. */
export function describeMeasurement(o: Observation): { kind: MeasurementKind; value: string } {
  const codes = o.code.coding?.map((c) => c.code) ?? [];
  const quantity = (q?: { value?: number; unit?: string }) => (q?.value !== undefined ? `${q.value}` : '?');
  if (codes.includes(loinc.bloodPressure)) {
    const part = (c: string) => o.component?.find((x) => x.code.coding?.some((y) => y.code === c))?.valueQuantity;
    return {
      kind: 'blood-pressure',
      value: `${quantity(part(loinc.systolic))}/${quantity(part(loinc.diastolic))} mmHg`,
    };
  }
  const unit = o.valueQuantity?.unit ? ` ${o.valueQuantity.unit}` : '';
  return { kind: codes.includes(loinc.glucose) ? 'glucose' : 'other', value: `${quantity(o.valueQuantity)}${unit}` };
}
