// `npm test`: every check and every test runner, then one closing line `N passed, M failed`
// summed over all of them. Lint and typecheck count as one check each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';

// Every runner (npx eslint, tsc, vitest, playwright) and what they start run on this same Node:
// the project's (package.json starts this file with the node that scripts/ensure-node.mjs chose).
process.env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
console.log(`Node ${process.version}`);

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];

function step(name, cmd, args, count) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const counted = count?.();
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
    // A runner that crashed before reporting still counts as a failure.
    if (result.status !== 0 && counted.failed === 0) failed += 1;
  } else if (result.status === 0) passed += 1;
  else failed += 1;
  lines.push(`${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const readJson = (file) => {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

function vitestCounts() {
  const json = readJson('test-results/unit.json');
  return json ? { passed: json.numPassedTests, failed: json.numFailedTests } : null;
}

function playwrightCounts() {
  const json = readJson('test-results/e2e.json');
  if (!json) return null;
  const s = json.stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected };
}

if (!process.env.KAARI_TEST_DATABASE_URL) {
  console.log(
    'KAARI_TEST_DATABASE_URL is not set: the PostgreSQL variants of the backend tests are skipped (bash .ci/run sets up PostgreSQL and runs them).',
  );
}
for (const f of ['test-results/unit.json', 'test-results/e2e.json']) rmSync(f, { force: true });
step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
// One format for every file (Prettier, .prettierrc.json): `npm run format` writes it.
step('format', 'npx', ['prettier', '--check', '.']);
step('typecheck', 'npx', ['tsc', '-b']);
step(
  'unit and integration (vitest)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
  vitestCounts,
);
step('end-to-end (playwright, chromium)', 'npx', ['playwright', 'test'], playwrightCounts);

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
