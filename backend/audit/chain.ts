import { createHash } from 'node:crypto';
import type { AuditEvent, Resource } from '@medplum/fhirtypes';
import canonicalize from 'canonicalize';
import type { Queryable } from '../db/db';

/** The one writer of AuditEvents: the store, whose bulk insert they go through. */
export interface AuditSink {
  importNew(tx: Queryable, resources: readonly Resource[]): Promise<number>;
}

const genesis = '0'.repeat(64);

/** The event as written, without what the store adds (meta): what the chain covers. */
const content = (event: AuditEvent): string => {
  const { meta: _meta, ...rest } = event;
  return canonicalize(rest) ?? '';
};
const link = (previous: string, event: AuditEvent): string =>
  createHash('sha256').update(previous).update(content(event)).digest('hex');

/**
 * Appends AuditEvents to the log and to the hash chain: each link hashes the previous link and the
 * event's canonical JSON (RFC 8785), so an edited or removed row breaks every link after it. Runs
 * under the store's write lock (every caller is inside ResourceStore.write), so links are in order.
 */
export async function appendAuditEvents(tx: Queryable, sink: AuditSink, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const last = await tx.query<{ position: string; hash: string }>(
    'SELECT position, hash FROM audit_chain ORDER BY position DESC LIMIT 1',
  );
  let position = Number(last[0]?.position ?? 0);
  let hash = last[0]?.hash ?? genesis;
  const positions: number[] = [];
  const ids: string[] = [];
  const hashes: string[] = [];
  for (const event of events) {
    hash = link(hash, event);
    position += 1;
    positions.push(position);
    ids.push(event.id ?? '');
    hashes.push(hash);
  }
  await sink.importNew(tx, events);
  await tx.query(
    'INSERT INTO audit_chain (position, event_id, hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])',
    [positions, ids, hashes],
  );
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first event whose link does not hold (edited, removed or inserted out of band). */
  brokenAt?: { position: number; eventId: string; why: 'missing' | 'edited' };
}

/** Walks the whole chain, recomputing every link from the stored events. */
export async function verifyAuditChain(q: Queryable, pageSize = 5000): Promise<ChainCheck> {
  let previous = genesis;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await q.query<{ position: string; event_id: string; hash: string; body: AuditEvent | null }>(
      `SELECT c.position, c.event_id, c.hash, r.body FROM audit_chain c
       LEFT JOIN resource_current r ON r.type = 'AuditEvent' AND r.id = c.event_id AND NOT r.deleted
       WHERE c.position > $1 ORDER BY c.position LIMIT $2`,
      [after, pageSize],
    );
    for (const row of rows) {
      const position = Number(row.position);
      if (!row.body) return { ok: false, checked, brokenAt: { position, eventId: row.event_id, why: 'missing' } };
      const expected = link(previous, row.body);
      if (expected !== row.hash)
        return { ok: false, checked, brokenAt: { position, eventId: row.event_id, why: 'edited' } };
      previous = row.hash;
      after = position;
      checked += 1;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}
