import { createHmac } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Binary, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generateCounty, withPictures } from '../../backend/seed/demo-county';
import {
  KeyUnwrapError,
  type KeyWrapper,
  aesGcmUnwrap,
  aesGcmWrap,
  backendKeyWrapper,
  loadOrCreateCacheKey,
} from '../../main/cache/cache-key';
import { writeLocal } from '../../main/cache/outbox';
import { holdsUnsentWork } from '../../main/cache/purge';
import { readResource, writeResources } from '../../main/cache/resources';
import { openUserCache } from '../../main/cache/user-cache';
import { userCacheFile, userCacheKeyFile, userDir } from '../../main/cache/user-cache-path';
import { wipeCache } from '../../main/cache/wipe-cache';
import { tempDir } from '../support/processes';

// The backend's layer as the backend derives it: one wrapping key per user (and cache salt).
const backendOf = (userSecret: string): KeyWrapper =>
  backendKeyWrapper((salt) => Promise.resolve(Buffer.from(createHmac('sha256', userSecret).update(salt).digest())));

/** Every byte the cache put on disk: the database, its WAL and anything else in the user's folder. */
const diskBytes = (dir: string): Buffer => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));

describe('the encrypted workstation cache', () => {
  it('holds the demo county and its photos without one readable name, identifier or picture byte', async () => {
    const dataDir = tempDir('vault');
    const county = await withPictures(
      generateCounty({ seed: 2026, residents: 40, contacts: 12, now: new Date('2026-11-30T10:00:00Z') }),
      2026,
    );
    const resources = [...county.patients, ...county.tasks, ...county.related] as (Resource & { id: string })[];
    const { db } = await openUserCache(dataDir, 'staff-nurse-aino', [backendOf('aino')]);
    writeResources(
      db,
      'server',
      resources.map((resource, i) => ({ resource, versionId: '1', lastUpdated: '2026-11-30T10:00:00Z', seq: i + 1 })),
    );
    const photo = county.related.find(
      (r): r is Binary & { id: string } => r.resourceType === 'Binary' && (r.data?.length ?? 0) > 10_000,
    );
    expect(photo, 'the demo county has photos').toBeDefined();
    expect(readResource(db, 'Binary', photo?.id ?? '')).toMatchObject({ data: photo?.data });
    db.close();

    const bytes = diskBytes(userDir(dataDir, 'staff-nurse-aino'));
    const secrets = county.patients
      .flatMap((p: Patient) => [
        ...(p.name ?? []).flatMap((n) => [n.family ?? '', ...(n.given ?? [])]),
        ...(p.identifier ?? []).map((i) => i.value ?? ''),
      ])
      .filter((s) => s.length >= 4);
    expect(secrets.length).toBeGreaterThan(80);
    const readable = secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
    expect(readable).toEqual([]);
    // The photo neither as its base64 text nor as image bytes (a slice from its middle).
    const picture = Buffer.from(photo?.data ?? '', 'base64');
    expect(bytes.includes(Buffer.from((photo?.data ?? '').slice(2000, 2064)))).toBe(false);
    expect(bytes.includes(picture.subarray(picture.length / 2, picture.length / 2 + 32))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);

    // With the key (its owner signed in), it opens with everything in it.
    const again = await openUserCache(dataDir, 'staff-nurse-aino', [backendOf('aino')]);
    expect(again.movedAside).toBeNull();
    expect((readResource(again.db, 'Patient', county.patients[0]?.id ?? '') as Patient).name).toEqual(
      county.patients[0]?.name,
    );
    again.db.close();
  });

  it('writes the cache, its key and its folder for the owner alone (0600 files, 0700 folders)', async () => {
    const dataDir = tempDir('vault');
    const { db } = await openUserCache(dataDir, 'staff-nurse-aino', [backendOf('aino')]);
    writeResources(db, 'local', [
      { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Synteettinen' }] } },
    ]);
    const dir = userDir(dataDir, 'staff-nurse-aino');
    for (const folder of [dataDir, join(dataDir, 'users'), dir])
      expect(statSync(folder).mode & 0o777, folder).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['cache.sqlite', 'cache.sqlite-wal', 'cache.key']));
    for (const name of files) expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
    db.close();
  });

  it('a copied cache with its key file does not open for anyone but its owner', async () => {
    const dataDir = tempDir('vault');
    const aino = await openUserCache(dataDir, 'staff-nurse-aino', [backendOf('aino')]);
    writeResources(aino.db, 'local', [
      { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Synteettinen' }] } },
    ]);
    aino.db.close();
    // Someone copies Aino's folder over Bjorn's on a shared PC and signs in as Bjorn.
    const thief = tempDir('vault');
    const bjornDir = userDir(thief, 'staff-nurse-bjorn');
    const bjornFirst = await openUserCache(thief, 'staff-nurse-bjorn', [backendOf('bjorn')]);
    bjornFirst.db.close();
    for (const name of ['cache.sqlite', 'cache.key'])
      copyFileSync(join(userDir(dataDir, 'staff-nurse-aino'), name), join(bjornDir, name));
    await expect(
      loadOrCreateCacheKey(userCacheKeyFile(thief, 'staff-nurse-bjorn'), [backendOf('bjorn')]),
    ).rejects.toBeInstanceOf(KeyUnwrapError);
    const bjorn = await openUserCache(thief, 'staff-nurse-bjorn', [backendOf('bjorn')]);
    // Bjorn's sign-in still works, on a fresh cache; the copy is set aside untouched, still unreadable.
    expect(bjorn.movedAside).toMatch(/cache\.sqlite\.unreadable-/);
    expect(readResource(bjorn.db, 'Patient', 'p1')).toBeNull();
    bjorn.db.close();
    // Aino's own cache opens for her as before.
    const again = await openUserCache(dataDir, 'staff-nurse-aino', [backendOf('aino')]);
    expect(readResource(again.db, 'Patient', 'p1')).toMatchObject({ name: [{ family: 'Synteettinen' }] });
    again.db.close();
  });

  it('encrypts a cache written before encryption in place, keeping what was typed', async () => {
    const dataDir = tempDir('vault');
    const Plain = (await import('better-sqlite3-multiple-ciphers')).default;
    const { privateFile } = await import('../../main/cache/private-files');
    const file = userCacheFile(dataDir, 'staff-nurse-aino');
    privateFile(file);
    const plain = new Plain(file);
    plain.exec("CREATE TABLE typed (text TEXT); INSERT INTO typed VALUES ('Hoitajan luonnos Synteettiselle')");
    plain.close();
    const { db } = await openUserCache(dataDir, 'staff-nurse-aino', [backendOf('aino')]);
    expect(db.prepare('SELECT text FROM typed').get()).toEqual({ text: 'Hoitajan luonnos Synteettiselle' });
    db.close();
    expect(diskBytes(userDir(dataDir, 'staff-nurse-aino')).includes(Buffer.from('Hoitajan luonnos'))).toBe(false);
  });

  it("wipes a revoked user's cache, its key first, and leaves colleagues' caches alone", async () => {
    const dataDir = tempDir('vault');
    for (const [id, secret] of [
      ['staff-nurse-aino', 'aino'],
      ['staff-nurse-bjorn', 'bjorn'],
    ] as const)
      (await openUserCache(dataDir, id, [backendOf(secret)])).db.close();
    wipeCache(dataDir, 'staff-nurse-aino');
    expect(existsSync(userDir(dataDir, 'staff-nurse-aino'))).toBe(false);
    expect(existsSync(userCacheFile(dataDir, 'staff-nurse-bjorn'))).toBe(true);
    wipeCache(dataDir);
    expect(readdirSync(join(dataDir, 'users'))).toEqual([]);
  });

  it('knows when it holds work that exists nowhere else (so the purge leaves it alone)', async () => {
    const { db } = await openUserCache(tempDir('vault'), 'staff-nurse-aino', [backendOf('aino')]);
    expect(holdsUnsentWork(db)).toBe(false);
    writeLocal(db, { resource: { resourceType: 'Patient', id: 'p1', name: [{ family: 'Synteettinen' }] } });
    expect(holdsUnsentWork(db)).toBe(true);
    db.close();
  });

  it('a wrapped key opens only with its wrapping key, and any changed byte is noticed', () => {
    const key = Buffer.alloc(32, 1);
    const wrapped = aesGcmWrap(key, Buffer.alloc(32, 2));
    expect(aesGcmUnwrap(wrapped, Buffer.alloc(32, 2))).toEqual(key);
    expect(() => aesGcmUnwrap(wrapped, Buffer.alloc(32, 3))).toThrow(KeyUnwrapError);
    wrapped[40] = (wrapped[40] ?? 0) ^ 1;
    expect(() => aesGcmUnwrap(wrapped, Buffer.alloc(32, 2))).toThrow(KeyUnwrapError);
  });
});
