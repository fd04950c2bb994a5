import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/processes';
import { openCache } from '../cache/open-cache';
import { resourcesAbout, resourcesAboutSql } from './resources-about';

describe("a resident's resources in the cache", () => {
  it('are found through the subject index, by subject or (Consent) patient', () => {
    const { db } = openCache(join(tempDir('about'), 'c.sqlite'));
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${resourcesAboutSql}`).all('Patient/r1', 'Consent') as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan).toContain('resource_by_subject');
    const insert = db.prepare("INSERT INTO resource (type, id, version_id, last_updated, seq, body) VALUES (?, ?, '1', 'x', 1, ?)");
    insert.run('Consent', 'c1', JSON.stringify({ resourceType: 'Consent', id: 'c1', patient: { reference: 'Patient/r1' } }));
    insert.run('Observation', 'o1', JSON.stringify({ resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/r1' } }));
    insert.run('Observation', 'o2', JSON.stringify({ resourceType: 'Observation', id: 'o2', subject: { reference: 'Patient/r2' } }));
    expect(resourcesAbout(db, 'r1', 'Consent').map((r) => r.id)).toEqual(['c1']);
    expect(resourcesAbout(db, 'r1', 'Observation').map((r) => r.id)).toEqual(['o1']);
  });
});
