import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './db/db';
import { migrateBackend } from './db/migrations';
import { createPgDb } from './db/pg-db';
import { createPgliteDb } from './db/pglite-db';
import { seedCounty } from './seed/demo-county';
import { NotADemoDatabaseError, seedDemo } from './seed/seed';
import { createEnrollmentCode, noActiveDevice } from './auth/devices';
import { seedTemplates } from './seed/demo-templates';
import { buildBackend } from './server';
import { logLevelFromEnv } from './http/logging';
import { iceConfigFromEnv } from './video/ice-servers';
import { fhirValidator } from './fhir/validator';

/** The token key: from the environment in production, or kept beside the embedded data. */
function loadSecret(dataDir: string): Uint8Array {
  const fromEnv = process.env.KAARI_TOKEN_SECRET;
  if (fromEnv) return new TextEncoder().encode(fromEnv);
  const file = join(dataDir, 'token-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

async function main(): Promise<void> {
  const dataDir = resolve(process.env.KAARI_BACKEND_DATA ?? '.data/backend');
  mkdirSync(dataDir, { recursive: true });
  const db: Db = process.env.DATABASE_URL
    ? createPgDb(process.env.DATABASE_URL)
    : await createPgliteDb(join(dataDir, 'pglite'));
  await migrateBackend(db);
  // Demo data only when asked for (`npm start` asks): never into a database with real data.
  const demo = process.env.KAARI_DEMO === '1';
  if (demo) {
    const seeded = await seedDemo(db);
    if (seeded.staff > 0) console.log(`Seeded synthetic demo county: ${seeded.staff} staff accounts.`);
    const residents = Number(process.env.KAARI_SEED_RESIDENTS ?? 10_000);
    const started = Date.now();
    const resources = await seedCounty(db, {
      seed: Number(process.env.KAARI_SEED ?? 2026),
      residents,
      contacts: Math.round(residents * 0.3),
    });
    if (resources > 0)
      console.log(
        `Seeded ${resources} synthetic FHIR resources (${residents} residents) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    await seedTemplates(db);
  }
  const deviceEnrollment = process.env.KAARI_DEVICE_ENROLLMENT === 'optional' ? 'optional' : 'required';
  if (deviceEnrollment === 'optional' && !demo)
    throw new Error('KAARI_DEVICE_ENROLLMENT=optional is for the demo and tests only (KAARI_DEMO=1).');
  // Nobody can create a code before some device is enrolled: the first one's code is in this log,
  // like the initial password of other servers (docs/SECURITY.md).
  if (await noActiveDevice(db)) {
    const first = await createEnrollmentCode(db, 'system');
    console.log(`Enrollment code for the first workstation (one-time, until ${first.expiresAt}): ${first.code}`);
  }
  // The R4 StructureDefinitions take about half a second to index at their first use. A fresh
  // county's seeding pays it; a restarted replica would make its first write wait, so it is paid before listening.
  await fhirValidator().warm();
  // The structured log (JSON lines, no personal data: backend/http/logging.ts) goes to a file; this
  // console keeps the human lines (and, in the demo, the residents' sign-in codes).
  const logFile = resolve(process.env.KAARI_LOG_FILE ?? join(dataDir, 'backend.log'));
  const logStream = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const app = await buildBackend({
    db,
    tokenSecret: loadSecret(dataDir),
    ice: iceConfigFromEnv(process.env),
    logger: { level: logLevelFromEnv(process.env), stream: logStream },
    publicUrl: process.env.KAARI_PUBLIC_URL,
    deviceEnrollment,
  });
  const port = Number(process.env.PORT ?? 5180);
  await app.listen({ host: '127.0.0.1', port });
  console.log(`Regional backend (${db.kind}) listening on http://127.0.0.1:${port}`);
  console.log(`Backend log (JSON lines, level ${logLevelFromEnv(process.env)}): ${logFile}`);
  console.log(`Resident web client: http://127.0.0.1:${port}/r/ (sign-in codes appear here)`);
  const stop = async () => {
    await app.close();
    await db.close();
    await new Promise((done) => logStream.end(done));
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof NotADemoDatabaseError ? error.message : error);
  process.exit(1);
});
