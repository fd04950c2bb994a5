import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countySecrets, personalDataInLogs } from '../e2e/support/backend-logs';

describe('the E2E backend log check', () => {
  it('knows the demo county’s identifiers, names and birth dates', () => {
    const secrets = countySecrets();
    expect(secrets).toContain('SYN-000002');
    expect(secrets.some((s) => /^\p{L}+ \p{L}+/u.test(s))).toBe(true);
    expect(secrets.some((s) => /^\d{4}-\d{2}-\d{2}$/.test(s))).toBe(true);
  });

  it('finds a resident’s identifier or name in a log line, and counts answered requests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaari-logcheck-'));
    const name = countySecrets().find((s) => s.includes(' ')) ?? '';
    writeFileSync(
      join(dir, 'backend-1.log'),
      `${JSON.stringify({ level: 30, msg: 'answered', req: { url: '/fhir/Patient?identifier=_' } })}\n`,
    );
    expect(personalDataInLogs(dir)).toEqual({ lines: 1, answered: 1, leaks: [] });
    writeFileSync(
      join(dir, 'backend-2.log'),
      `${JSON.stringify({ level: 30, msg: 'answered', req: { url: '/fhir/Patient?identifier=SYN-000002' } })}\n${JSON.stringify({ msg: name })}\n`,
    );
    const found = personalDataInLogs(dir);
    expect(found.leaks).toHaveLength(2);
    expect(found.leaks[0]).toContain('SYN-000002');
  });
});
