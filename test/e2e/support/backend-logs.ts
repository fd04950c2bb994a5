import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCounty } from '../../../backend/seed/demo-county';

/** Every backend an E2E run starts writes its JSON log here (test/support/processes.ts reads KAARI_E2E_LOG_DIR); not in test-results/, which Playwright empties. */
export const backendLogDir = resolve('.tmp/e2e-backend-logs');

/**
 * What of the demo county must never be in a backend log: each resident's identifier, full name
 * and birth date, as backend/main.ts seeds them for the E2E backends (seed 2026, KAARI_SEED_RESIDENTS).
 */
export function countySecrets(): string[] {
  const residents = Number(process.env.KAARI_SEED_RESIDENTS ?? 50);
  const { patients } = generateCounty({ seed: 2026, residents, contacts: Math.round(residents * 0.3) });
  return patients
    .flatMap((p) => [
      ...(p.identifier ?? []).map((i) => i.value ?? ''),
      ...(p.name ?? []).map((n) => [...(n.given ?? []), n.family ?? ''].join(' ')),
      p.birthDate ?? '',
    ])
    .filter((s) => s.length >= 6);
}

/** The log lines of this run that hold any of the county's personal data, and how many lines there were. */
export function personalDataInLogs(dir = backendLogDir): { lines: number; answered: number; leaks: string[] } {
  const secrets = countySecrets();
  const leaks: string[] = [];
  let lines = 0;
  let answered = 0;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.log')) : [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      lines++;
      if (line.includes('"msg":"answered"')) answered++;
      const found = secrets.find((s) => line.includes(s));
      if (found) leaks.push(`${file}: "${found}" in ${line.slice(0, 300)}`);
    }
  }
  return { lines, answered, leaks };
}
