// Installs the npm dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` are the only two commands a new developer needs. Plain Node: it runs
// before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const stamp = 'node_modules/.kaari-lock-hash';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
if (process.argv.includes('--mark-installed')) {
  // Called right after an explicit `npm ci` (as .ci/run does), so `npm test` does not install twice.
  writeFileSync(stamp, lockHash);
  process.exit(0);
}
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) process.exit(0);

console.log('Installing dependencies (first run or package-lock.json changed)…');
// The Electron binary and Playwright's browsers are not downloaded at install: the tests use
// Debian's Chromium, and `npm start` fetches Electron itself where the network allows.
const result = spawnSync('npm', ['ci'], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, lockHash);
