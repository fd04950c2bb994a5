import { describe, expect, it } from 'vitest';
import { citizenDataConsent, citizenDataConsentResource } from './citizen-data-consent';

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`;

describe('consent to show citizen-generated data', () => {
  it('is none until the resident decides', () => {
    expect(citizenDataConsent([])).toBe('none');
    expect(
      citizenDataConsent([
        {
          ...citizenDataConsentResource('p', 'permit', at(1)),
          policyRule: { coding: [{ system: 'urn:other', code: 'x' }] },
        },
      ]),
    ).toBe('none');
  });
  it('follows the latest decision whatever the order they arrive in', () => {
    const given = citizenDataConsentResource('p', 'permit', at(1));
    const withdrawn = citizenDataConsentResource('p', 'deny', at(5));
    expect(citizenDataConsent([given])).toBe('given');
    expect(citizenDataConsent([withdrawn, given])).toBe('withdrawn');
    expect(citizenDataConsent([given, withdrawn, citizenDataConsentResource('p', 'permit', at(9))])).toBe('given');
  });
  it('ignores consents recorded in error or not yet in force', () => {
    const given = citizenDataConsentResource('p', 'permit', at(1));
    expect(
      citizenDataConsent([given, { ...citizenDataConsentResource('p', 'deny', at(3)), status: 'entered-in-error' }]),
    ).toBe('given');
    expect(citizenDataConsent([{ ...given, status: 'proposed' }])).toBe('none');
  });
  it('an active consent whose provision denies is a withdrawal', () => {
    expect(
      citizenDataConsent([{ ...citizenDataConsentResource('p', 'permit', at(1)), provision: { type: 'deny' } }]),
    ).toBe('withdrawn');
  });
});
