import { join } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { openCache } from '../cache/open-cache';
import { resourcesAboutSql } from './resources';
import { writeLocal } from '../cache/outbox';
import { readAbout } from './resources';
import { testCacheKey } from '../../test/support/test-cache-key';

describe("a resident's resources in the cache", () => {
  it('are found through the subject index, by subject or (Consent) patient', () => {
    const { db } = openCache(join(tempDir('about'), 'c.sqlite'), { key: testCacheKey() });
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${resourcesAboutSql}`).all('Patient/r1', 'Consent') as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' ');
    expect(plan).toContain('resource_about');
    // Through the app's own write path, which stores whom each one is about.
    const put = (r: Resource & { id: string }) => writeLocal(db, { resource: r });
    put({
      resourceType: 'Consent',
      id: 'c1',
      status: 'active',
      scope: {},
      category: [],
      patient: { reference: 'Patient/r1' },
    } as Resource & { id: string });
    put({ resourceType: 'Observation', id: 'o1', status: 'final', code: {}, subject: { reference: 'Patient/r1' } });
    put({ resourceType: 'Observation', id: 'o2', status: 'final', code: {}, subject: { reference: 'Patient/r2' } });
    put({ resourceType: 'Observation', id: 'o3', status: 'final', code: {} });
    expect(readAbout(db, 'r1', 'Consent').map((r) => r.id)).toEqual(['c1']);
    expect(readAbout(db, 'r1', 'Observation').map((r) => r.id)).toEqual(['o1']);
  });
});
