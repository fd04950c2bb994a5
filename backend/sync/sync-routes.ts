import type { FastifyInstance } from 'fastify';
import { AccessUpload, accessLogPath } from '../../shared/protocol/access-log';
import { ChangesQuery, type ChangesPage, type ResidentSnapshot, type SyncScope } from '../../shared/protocol/sync';
import { recordWorkstationReads } from '../audit/audit-log';
import { invalid } from '../fhir/fhir-error';
import { type StaffApi, gateOf, seen, staffOf } from '../fhir/rest/context';
import { type Stored, toChange } from '../fhir/store';

/** How many rows one feed request reads at most while looking for what the caller may see. */
const scanBudget = 20_000;

/**
 * The workstation's sync: the feed of changes narrowed per professional by the access rule, the
 * residents she may hold whole now (so the workstation drops the rest), one resident's data when
 * she newly may, and the upload of reads she made from her cache.
 */
export function registerSyncRoutes(scope: FastifyInstance, api: StaffApi): void {
  const { store } = api;

  scope.get('/sync/changes', async (request) => {
    const query = ChangesQuery.safeParse(request.query);
    if (!query.success) throw invalid('after and limit must be non-negative integers');
    const { after, limit } = query.data;
    const gate = await gateOf(api, request);
    const latest = await store.latestSeq(store.db);
    const visible: Stored[] = [];
    let cursor = after;
    let scanned = 0;
    let more = true;
    // Reads only as many rows as still fit, so the page never holds more than `limit` and the cursor never skips one.
    while (visible.length < limit && scanned < scanBudget) {
      const want = limit - visible.length;
      const rows = await store.changedAfter(store.db, cursor, want);
      scanned += rows.length;
      visible.push(...(await gate.filter(rows)));
      if (rows.length > 0) cursor = rows[rows.length - 1]?.seq ?? cursor;
      if (rows.length < want) {
        more = false;
        break;
      }
    }
    const page = await seen(api, request, visible, 'sync');
    // The access log is not in the feed, so the newest seq may be an audit event the cursor never
    // reaches: a caught-up client is told it is at the latest, so its first-sync progress ends at 100 %.
    const body: ChangesPage = {
      changes: page.map(toChange),
      next: cursor,
      more,
      latest: more ? latest : Math.max(cursor, after),
    };
    return body;
  });

  scope.get('/sync/scope', async (request) => {
    const residents = (await gateOf(api, request)).fullAccessResidents();
    const body: SyncScope =
      residents === null ? { all: true, residents: [] } : { all: false, residents: residents.sort() };
    return body;
  });

  scope.get('/sync/residents/:id', async (request) => {
    const id = (request.params as { id: string }).id;
    if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw invalid('Invalid resident id');
    const page = await seen(api, request, await store.aboutResident(store.db, id), 'sync');
    const body: ResidentSnapshot = { changes: page.map(toChange) };
    return body;
  });

  scope.post(accessLogPath, async (request) => {
    const parsed = AccessUpload.safeParse(request.body);
    if (!parsed.success) throw invalid(`Invalid access log upload: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
    const who = staffOf(request);
    return recordWorkstationReads(store, who.sub, who.device, parsed.data);
  });
}
