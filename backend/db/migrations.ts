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
  // The access model (docs/SECURITY.md): whom each version is about and who wrote it from which
  // device; care relationships kept by the store on every Task write; break-the-glass grants;
  // the hash chain over the audit log.
  [
    `ALTER TABLE resource_current ADD COLUMN patient_id TEXT`,
    `ALTER TABLE resource_version ADD COLUMN patient_id TEXT`,
    `ALTER TABLE resource_version ADD COLUMN written_by TEXT`,
    `ALTER TABLE resource_version ADD COLUMN device_id TEXT`,
    `UPDATE resource_current SET patient_id = CASE WHEN type = 'Patient' THEN id ELSE substring(COALESCE(body->'subject'->>'reference', body->'for'->>'reference', body->'patient'->>'reference') FROM '^Patient/(.+)$') END`,
    `UPDATE resource_version SET patient_id = CASE WHEN type = 'Patient' THEN id ELSE substring(COALESCE(body->'subject'->>'reference', body->'for'->>'reference', body->'patient'->>'reference') FROM '^Patient/(.+)$') END`,
    `CREATE INDEX resource_current_patient ON resource_current (patient_id, type) WHERE patient_id IS NOT NULL`,
    `CREATE INDEX resource_current_task_owner ON resource_current ((body->'owner'->>'reference')) WHERE type = 'Task'`,
    `CREATE TABLE care_relationship (
       staff_id TEXT NOT NULL,
       patient_id TEXT NOT NULL,
       last_at TIMESTAMPTZ NOT NULL,
       PRIMARY KEY (staff_id, patient_id)
     )`,
    `INSERT INTO care_relationship (staff_id, patient_id, last_at)
       SELECT substring(body->'owner'->>'reference' FROM '^Practitioner/(.+)$'), patient_id, max(last_updated)
       FROM resource_version WHERE type = 'Task' AND patient_id IS NOT NULL AND body->'owner'->>'reference' LIKE 'Practitioner/%'
       GROUP BY 1, 2`,
    `CREATE TABLE access_grant (
       id TEXT PRIMARY KEY,
       staff_id TEXT NOT NULL,
       patient_id TEXT NOT NULL,
       reason TEXT NOT NULL,
       granted_at TIMESTAMPTZ NOT NULL,
       expires_at TIMESTAMPTZ NOT NULL
     )`,
    `CREATE INDEX access_grant_staff ON access_grant (staff_id, expires_at)`,
    // Sessions outlive their refresh tokens (deleted at sign-out), so a workstation's later upload of
    // reads from its cache can be checked against the session they were made in.
    `CREATE TABLE staff_session (
       family TEXT PRIMARY KEY,
       staff_id TEXT NOT NULL,
       device_id TEXT NOT NULL,
       started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       ended_at TIMESTAMPTZ
     )`,
    `CREATE INDEX staff_session_staff ON staff_session (staff_id, device_id)`,
    `CREATE TABLE audit_chain (
       position BIGINT PRIMARY KEY,
       event_id TEXT NOT NULL UNIQUE,
       hash TEXT NOT NULL
     )`,
  ],
  // Sign-in and sessions (docs/SECURITY.md): why a session ended; idempotency keys per user with
  // the body they answered; sign-in failure counters; notices for the administrator; enrolled
  // devices, their one-time enrollment codes and the proofs they have sent (replay check).
  [
    `ALTER TABLE staff_session ADD COLUMN end_reason TEXT`,
    `ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey`,
    `ALTER TABLE idempotency_key ADD COLUMN body_hash TEXT`,
    `ALTER TABLE idempotency_key ADD PRIMARY KEY (staff_id, key)`,
    `CREATE TABLE sign_in_throttle (
       key TEXT PRIMARY KEY,
       failures INTEGER NOT NULL,
       window_start TIMESTAMPTZ NOT NULL,
       locked_until TIMESTAMPTZ
     )`,
    `CREATE TABLE security_notice (
       id TEXT PRIMARY KEY,
       kind TEXT NOT NULL,
       subject TEXT NOT NULL,
       created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       resolved_at TIMESTAMPTZ
     )`,
    `CREATE TABLE device (
       id TEXT PRIMARY KEY,
       public_jwk JSONB NOT NULL,
       enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       enrolled_by TEXT NOT NULL,
       app_version TEXT NOT NULL,
       last_contact_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       revoked_at TIMESTAMPTZ,
       revoked_by TEXT
     )`,
    `CREATE TABLE enrollment_code (
       code_hash TEXT PRIMARY KEY,
       created_by TEXT NOT NULL,
       created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
       expires_at TIMESTAMPTZ NOT NULL,
       used_at TIMESTAMPTZ,
       device_id TEXT
     )`,
    `CREATE TABLE device_proof (
       jti TEXT PRIMARY KEY,
       expires_at TIMESTAMPTZ NOT NULL
     )`,
  ],
];

export async function migrateBackend(db: Db): Promise<number> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  return db.transaction(async (tx) => {
    // A lock so two replicas starting at once do not both migrate.
    await tx.query('LOCK TABLE schema_version IN EXCLUSIVE MODE');
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > steps.length)
      throw new Error(`Database schema ${current} is newer than this backend (${steps.length})`);
    for (const step of steps.slice(current)) for (const sql of step) await tx.query(sql);
    if (rows.length === 0) await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [steps.length]);
    else await tx.query('UPDATE schema_version SET version = $1', [steps.length]);
    return steps.length;
  });
}
