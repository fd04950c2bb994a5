import type { Db } from './db';

/** Forward-only schema steps; the number of the last applied one is kept in schema_version. */
const steps: readonly (readonly string[])[] = [
  [
  `CREATE TABLE staff (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     password_hash TEXT NOT NULL,
     display_name TEXT NOT NULL,
     roles TEXT[] NOT NULL,
     profession TEXT NOT NULL,
     languages TEXT[] NOT NULL,
     active BOOLEAN NOT NULL DEFAULT TRUE
   )`,
  `CREATE TABLE refresh_token (
     token_hash TEXT PRIMARY KEY,
     family TEXT NOT NULL,
     staff_id TEXT NOT NULL REFERENCES staff(id),
     device_id TEXT NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL,
     used_at TIMESTAMPTZ
   )`,
  `CREATE INDEX refresh_token_family ON refresh_token (family)`,
  ],
  // Versioned FHIR resources: every version kept; seq is global and assigned in commit order.
  [
    `CREATE SEQUENCE resource_seq`,
    `CREATE TABLE resource_version (
       seq BIGINT PRIMARY KEY,
       type TEXT NOT NULL,
       id TEXT NOT NULL,
       version_id INTEGER NOT NULL,
       last_updated TIMESTAMPTZ NOT NULL,
       deleted BOOLEAN NOT NULL DEFAULT FALSE,
       body JSONB NOT NULL,
       UNIQUE (type, id, version_id)
     )`,
    `CREATE INDEX resource_version_type_updated ON resource_version (type, last_updated)`,
    `CREATE TABLE resource_current (
       type TEXT NOT NULL,
       id TEXT NOT NULL,
       version_id INTEGER NOT NULL,
       seq BIGINT NOT NULL,
       last_updated TIMESTAMPTZ NOT NULL,
       deleted BOOLEAN NOT NULL DEFAULT FALSE,
       body JSONB NOT NULL,
       PRIMARY KEY (type, id)
     )`,
    `CREATE INDEX resource_current_seq ON resource_current (seq)`,
    `CREATE INDEX resource_current_type_updated ON resource_current (type, last_updated)`,
    `CREATE INDEX resource_current_task_status ON resource_current ((body->>'status')) WHERE type = 'Task'`,
    `CREATE TABLE idempotency_key (
       key TEXT PRIMARY KEY,
       staff_id TEXT NOT NULL,
       status INTEGER NOT NULL,
       response JSONB NOT NULL,
       created_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  ],
  [`ALTER TABLE staff ADD COLUMN themes TEXT[] NOT NULL DEFAULT '{}'`],
  // One-time sign-in codes of the resident client: only a hash is kept, with an attempt budget.
  [
    `CREATE TABLE resident_login_code (
       identifier TEXT PRIMARY KEY,
       patient_id TEXT NOT NULL,
       code_hash TEXT NOT NULL,
       expires_at TIMESTAMPTZ NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0
     )`,
    `CREATE INDEX resource_current_patient_identifier ON resource_current USING GIN ((body->'identifier')) WHERE type = 'Patient'`,
    // The resident API reads "my contacts" and "this contact's messages".
    `CREATE INDEX resource_current_task_for ON resource_current ((body->'for'->>'reference')) WHERE type = 'Task'`,
    `CREATE INDEX resource_current_communication_subject ON resource_current ((body->'subject'->>'reference')) WHERE type = 'Communication'`,
  ],
];

export async function migrateBackend(db: Db): Promise<number> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  return db.transaction(async (tx) => {
    // A lock so two replicas starting at once do not both migrate.
    await tx.query('LOCK TABLE schema_version IN EXCLUSIVE MODE');
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > steps.length) throw new Error(`Database schema ${current} is newer than this backend (${steps.length})`);
    for (const step of steps.slice(current)) for (const sql of step) await tx.query(sql);
    if (rows.length === 0) await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [steps.length]);
    else await tx.query('UPDATE schema_version SET version = $1', [steps.length]);
    return steps.length;
  });
}
