import { describe, expect, it } from 'vitest';
import { pgliteDatabase } from '../../test/support/databases';
import { fhirValidator } from '../fhir/validator';
import type { Media } from '@medplum/fhirtypes';
import sharp from 'sharp';
import { bodySiteOf, photoRenditions } from '../../shared/photos/photo-media';
import { generateCounty, seedCounty, syntheticIdSystem, withPictures } from './demo-county';
import { demoPhotoPool, poolPhoto } from './demo-photos';

const now = new Date('2026-11-24T10:00:00Z');

describe('synthetic demo county', () => {
  it('is the same county for the same seed, and another for another seed', () => {
    const a = generateCounty({ seed: 7, residents: 200, contacts: 60, now });
    expect(generateCounty({ seed: 7, residents: 200, contacts: 60, now })).toEqual(a);
    expect(generateCounty({ seed: 8, residents: 200, contacts: 60, now }).patients[0]?.name).not.toEqual(
      a.patients[0]?.name,
    );
  });

  it('gives every resident a clearly synthetic identifier, a plausible name and age, valid FHIR', () => {
    const { patients, tasks } = generateCounty({ seed: 1, residents: 500, contacts: 150, now });
    const validator = fhirValidator();
    for (const p of patients) {
      expect(p.identifier?.[0]).toMatchObject({
        system: syntheticIdSystem,
        value: expect.stringMatching(/^SYN-\d{6}$/),
      });
      expect(p.name?.[0]?.family).toMatch(/^\p{Lu}/u);
      const age = now.getUTCFullYear() - Number(p.birthDate?.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(99);
      expect(validator.isValid(p).errors).toEqual([]);
    }
    const languages = new Set(patients.map((p) => p.communication?.[0]?.language.coding?.[0]?.code));
    expect(languages).toEqual(new Set(['fi', 'sv']));
    for (const t of tasks) {
      expect(validator.isValid(t).errors).toEqual([]);
      expect(now.getTime() - new Date(t.authoredOn ?? '').getTime()).toBeLessThanOrEqual(30 * 24 * 3600 * 1000);
    }
    expect(tasks.some((t) => t.status === 'requested')).toBe(true);
    expect(tasks.some((t) => t.status === 'completed')).toBe(true);
  });

  it('gives contacts what they are about: self-assessments, photos, measurements with consent decisions, documentation', () => {
    const { tasks, related } = generateCounty({ seed: 2, residents: 300, contacts: 400, now });
    const validator = fhirValidator();
    for (const r of related) expect(validator.isValid(r).errors, `${r.resourceType}/${r.id}`).toEqual([]);
    const types = new Set(related.map((r) => r.resourceType));
    expect(types).toEqual(new Set(['QuestionnaireResponse', 'Media', 'Observation', 'Consent', 'Composition']));
    const byRef = new Map(related.map((r) => [`${r.resourceType}/${r.id}`, r]));
    for (const t of tasks.filter((x) => x.focus)) {
      const focus = byRef.get(t.focus?.reference ?? '') as { subject?: { reference?: string } } | undefined;
      expect(focus?.subject?.reference, t.id).toBe(t.for?.reference);
    }
    const consents = related.filter((r) => r.resourceType === 'Consent');
    expect(new Set(consents.map((c) => c.status))).toEqual(new Set(['active', 'inactive']));
  });

  it('draws every seeded photo, the same bytes from the same seed, each with a photo of the same place a week before', async () => {
    const { related } = await withPictures(generateCounty({ seed: 4, residents: 40, contacts: 60, now }), 4);
    const binaries = new Map(related.filter((r) => r.resourceType === 'Binary').map((b) => [`Binary/${b.id}`, b]));
    const media = related.filter((r): r is Media => r.resourceType === 'Media');
    expect(media.length).toBeGreaterThan(4);
    const validator = fhirValidator();
    for (const m of media) {
      expect(validator.isValid(m).errors).toEqual([]);
      const picture = binaries.get(m.content.url ?? '');
      const meta = await sharp(Buffer.from(picture?.data ?? '', 'base64')).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', m.width, m.height]);
      expect(photoRenditions(m).map((r) => binaries.has(`Binary/${r.binaryId}`))).toEqual([true, true]);
    }
    for (const m of media.filter((x) => !x.id?.endsWith('-before'))) {
      const before = media.find((x) => x.id === `${m.id}-before`);
      expect(bodySiteOf(before ?? m)).toBe(bodySiteOf(m));
      expect(Date.parse(m.createdDateTime ?? '') - Date.parse(before?.createdDateTime ?? '')).toBe(
        7 * 24 * 3600 * 1000,
      );
      expect(before?.content.url).not.toBe(m.content.url);
    }
    // Drawn afresh (not from the process's cache), the same case gives the same bytes.
    const fresh = await poolPhoto('wound', 2, 0, 4);
    expect((await demoPhotoPool(4, ['wound-2-0'])).get('wound-2-0')?.binaries.map((b) => b.id)).toEqual(
      fresh.binaries.map((b) => b.id),
    );
  });

  it('seeds once; a second run adds nothing', async () => {
    const { db, drop } = await pgliteDatabase.create();
    try {
      expect(await seedCounty(db, { seed: 3, residents: 100, contacts: 30, now })).toBeGreaterThan(130);
      expect(await seedCounty(db, { seed: 3, residents: 100, contacts: 30, now })).toBe(0);
      const rows = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM resource_current WHERE type = 'Patient'",
      );
      expect(rows[0]?.n).toBe(100);
    } finally {
      await drop();
    }
  });
});
