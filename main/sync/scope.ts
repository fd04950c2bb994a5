import { SyncScope } from '../../shared/protocol/sync';
import { fetchResident } from '../access/resident-care';
import type { JsonCalls } from '../backend-client/backend-client';
import type { WritableDb } from '../cache/db';
import { type ScopeReason, dropResident, heldResidents, markHeld, residentsWithData } from '../cache/resident-scope';

export interface ScopeResult {
  fetched: number;
  dropped: number;
}

/**
 * Keeps the laptop to what the care-relationship rule allows now (docs/SECURITY.md): asks the
 * backend whom she may hold whole, fetches the data of residents newly in her care (the feed's
 * cursor has passed their older records), and drops what it holds of residents no longer in it.
 * `fresh`: the feed was just pulled from the start under the rule, so what it brought is current.
 * `consentChanged`: residents whose consent decision arrived in that pull, fetched again.
 */
export async function reconcileScope(
  db: WritableDb,
  client: JsonCalls,
  options: { fresh: boolean; consentChanged?: ReadonlySet<string> } = { fresh: false },
): Promise<ScopeResult> {
  const scope = await client.json('/sync/scope', SyncScope);
  const held = heldResidents(db);
  const result: ScopeResult = { fetched: 0, dropped: 0 };
  if (scope.all) return result; // a team lead supervises everyone: the feed already brings all
  const wanted = new Set(scope.residents);
  const reasonOf = (id: string): ScopeReason => (held.get(id) === 'stated-reason' ? 'stated-reason' : 'relationship');
  for (const id of wanted) {
    if (held.has(id)) {
      // Her consent changed: what the backend shares of her changed with it (self-reported measurements).
      if (options.consentChanged?.has(id) && !options.fresh) {
        await fetchResident(db, client, id);
        result.fetched += 1;
      }
      continue;
    }
    if (!options.fresh) await fetchResident(db, client, id);
    markHeld(db, id, reasonOf(id));
    result.fetched += 1;
  }
  for (const id of new Set([...held.keys(), ...residentsWithData(db)])) {
    if (!wanted.has(id)) result.dropped += dropResident(db, id) > 0 ? 1 : 0;
  }
  return result;
}

/** At sign-out: what was opened with a stated reason does not stay on the laptop after the session. */
export function dropStatedReasonResidents(db: WritableDb): number {
  let dropped = 0;
  for (const [id, reason] of heldResidents(db))
    if (reason === 'stated-reason') dropped += dropResident(db, id) > 0 ? 1 : 0;
  return dropped;
}
