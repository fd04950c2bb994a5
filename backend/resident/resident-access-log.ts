import type { AuditEvent } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { AccessLogLine, ResidentAccessLog } from '../../shared/protocol/access';
import type { Db } from '../db/db';
import { resident } from './resident-contacts';

export const residentAccessLogPath = '/resident/api/access-log';

/**
 * "Who has looked at my data": the professionals who read or changed the resident's data, when,
 * and the reason they stated when they opened it outside a care relationship. Her own reads and
 * the backend's are left out; repeated reads by one professional within a minute are one line.
 */
export function registerResidentAccessLog(app: FastifyInstance, db: Db): void {
  app.get(residentAccessLogPath, async (request) => {
    const patientId = resident(request);
    const rows = await db.query<{ body: AuditEvent; display_name: string | null; profession: string | null }>(
      `SELECT a.body, s.display_name, s.profession FROM resource_current a
       LEFT JOIN staff s ON 'Practitioner/' || s.id = a.body->'agent'->0->'who'->>'reference'
       WHERE a.type = 'AuditEvent' AND a.patient_id = $1 AND a.body->'agent'->0->'who'->>'reference' LIKE 'Practitioner/%'
       ORDER BY a.seq DESC LIMIT 500`,
      [patientId],
    );
    const lines: AccessLogLine[] = [];
    const seen = new Set<string>();
    for (const { body, display_name, profession } of rows) {
      const reason = body.purposeOfEvent?.[0]?.text;
      const action: AccessLogLine['action'] = reason ? 'opened-with-reason' : body.action === 'R' ? 'read' : 'changed';
      const key = `${display_name}|${action}|${(body.recorded ?? '').slice(0, 16)}`;
      if (seen.has(key) && !reason) continue;
      seen.add(key);
      lines.push({
        at: body.recorded ?? '',
        who: display_name ?? '—',
        profession: profession ?? '',
        action,
        ...(reason ? { reason } : {}),
      });
    }
    const log: ResidentAccessLog = { lines: lines.slice(0, 200) };
    return log;
  });
}
