// Installs the npm dependencies when they are missing or older than package-lock.json, so that
// `npm start` and `npm test` are the only two commands a new developer needs. Plain Node: it runs
// before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensureNode, nodeEnv } from './ensure-node.mjs';

// Native modules (better-sqlite3 and the like) are built for one Node ABI: a different Node
// (the switch from 20 to 24) reinstalls, like a changed lock file does.
const node = ensureNode();
const stamp = 'node_modules/.kaari-lock-hash';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).update(node.version).digest('hex');
if (process.argv.includes('--mark-installed')) {
  // Called right after an explicit `npm ci` (as .ci/run does), so `npm test` does not install twice.
  writeFileSync(stamp, lockHash);
  process.exit(0);
}
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) process.exit(0);

console.log(`Installing dependencies for Node ${node.version} (first run, package-lock.json or Node changed)…`);
// The Electron binary and Playwright's browsers are not downloaded at install: the tests use
// Debian's Chromium, and `npm start` fetches Electron itself where the network allows.
const result = spawnSync('npm', ['ci'], {
  stdio: 'inherit',
  // Under the project's Node, with node-gyp pointed at its headers, so every native module in the
  // lock file is built for it.
  env: { ...nodeEnv(node), ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, lockHash);
