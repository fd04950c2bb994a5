import { describe, expect, it } from 'vitest';
import { FhirError } from '../fhir-error';
import { buildSearch, queryOf } from './build';

const prototypeNames = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'status:constructor'];

describe('search parameters named like Object.prototype members', () => {
  it('are unknown parameters: ignored by default (not in the self link), refused when strict, never a crash', () => {
    for (const name of prototypeNames) {
      const query = queryOf(`${encodeURIComponent(name)}=1&status=requested`);
      const lenient = buildSearch('Task', query);
      expect(lenient.used, name).toEqual([['status', 'requested']]);
      expect(lenient.where, name).not.toContain('undefined');
      let refused: unknown;
      try {
        buildSearch('Task', query, { strict: true });
      } catch (error) {
        refused = error;
      }
      expect(refused, name).toBeInstanceOf(FhirError);
      expect((refused as FhirError).status, name).toBe(400);
    }
  });

  it('a type named like one has no parameters of its own', () => {
    expect(buildSearch('constructor', queryOf('status=requested')).used).toEqual([]);
  });
});
