import { describe, expect, it } from 'vitest';
import { aboutOf, residentOf } from './about';

describe('whom a resource is about', () => {
  it('is its subject, else its patient, else the Task it is for; a Patient is about itself', () => {
    expect(residentOf({ resourceType: 'Observation', subject: { reference: 'Patient/r1' } })).toBe('r1');
    expect(residentOf({ resourceType: 'Consent', patient: { reference: 'Patient/r2' } })).toBe('r2');
    expect(residentOf({ resourceType: 'Task', for: { reference: 'Patient/r3' } })).toBe('r3');
    expect(residentOf({ resourceType: 'Patient', id: 'r4' })).toBe('r4');
    expect(
      residentOf({
        resourceType: 'Communication',
        subject: { reference: 'Patient/r5' },
        for: { reference: 'Patient/other' },
      }),
    ).toBe('r5');
    expect(aboutOf({ resourceType: 'Task', for: { reference: 'Patient/r3' } })).toBe('Patient/r3');
  });

  it('is no resident when the reference is to something else, or there is none', () => {
    expect(residentOf({ resourceType: 'Observation', subject: { reference: 'Group/g1' } })).toBeNull();
    expect(residentOf({ resourceType: 'Basic' })).toBeNull();
    expect(residentOf(null)).toBeNull();
    expect(aboutOf({ resourceType: 'Practitioner', id: 'p1' })).toBeNull();
  });
});
