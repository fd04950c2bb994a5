// The Node.js that runs the backend, the tests and the tools: the machine's own when it is a
// supported LTS line (24 or a newer even major), otherwise the pinned official build from the npm
// registry (`node-<platform>-<arch>`, which carries bin/node and the headers native modules build
// against), installed once into .cache/node. Plain JavaScript: it runs first, on the machine's
// possibly older Node (20 on the build machines).
//
//   node scripts/ensure-node.mjs          prints the path of the node executable to use
//   node scripts/ensure-node.mjs --shell  prints `export PATH=… npm_config_nodedir=…` for `eval`
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pinnedNode = '24.22.3';
const minimumMajor = 24;

/** LTS lines are the even majors; 24 is the oldest one the project supports. */
export const isSupportedNode = (version) => {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  return major >= minimumMajor && major % 2 === 0;
};

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The folder holding include/node for this node binary, when its headers match its version. */
function headersDir(nodePath, version) {
  const prefix = dirname(dirname(nodePath));
  const header = join(prefix, 'include/node/node_version.h');
  if (!existsSync(join(prefix, 'include/node/config.gypi')) || !existsSync(header)) return null;
  const major = /#define NODE_MAJOR_VERSION (\d+)/.exec(readFileSync(header, 'utf8'))?.[1];
  return major === /^v?(\d+)/.exec(version)?.[1] ? prefix : null;
}

function versionOf(nodePath) {
  const result = spawnSync(nodePath, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * The node to use: `{ node, version, nodedir }`; nodedir is where node-gyp finds that node's
 * headers (null: node-gyp fetches them itself). Installs the pinned build when needed.
 */
export function ensureNode({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (isSupportedNode(process.version)) {
    return { node: process.execPath, version: process.version, nodedir: headersDir(process.execPath, process.version) };
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(root, '.cache/node', `${pkg}-${pinnedNode}`);
  const home = join(prefix, 'node_modules', pkg);
  const node = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (versionOf(node) !== `v${pinnedNode}`) {
    log(
      `Node ${process.version} is out of support; installing Node ${pinnedNode} for this project into .cache/node (once)…`,
    );
    mkdirSync(prefix, { recursive: true });
    const result = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        `${pkg}@${pinnedNode}`,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' },
    );
    if (result.status !== 0 || versionOf(node) !== `v${pinnedNode}`) {
      throw new Error(
        `Could not install Node ${pinnedNode} (npm package ${pkg}); install Node ${minimumMajor} LTS yourself and run again.`,
      );
    }
  }
  return { node, version: `v${pinnedNode}`, nodedir: headersDir(node, pinnedNode) };
}

/** Environment for children (npm ci, npx, test runners) so that every `node` they start is this one. */
export function nodeEnv({ node, nodedir }, env = process.env) {
  const next = { ...env, PATH: `${dirname(node)}${delimiter}${env.PATH ?? ''}` };
  // npm's own nodedir (often the system Node's headers) would build native modules for the wrong ABI.
  if (nodedir) next.npm_config_nodedir = nodedir;
  else delete next.npm_config_nodedir;
  return next;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const chosen = ensureNode();
  if (process.argv.includes('--shell')) {
    const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
    const env = nodeEnv(chosen);
    console.log(`export PATH=${quote(env.PATH)}`);
    console.log(
      env.npm_config_nodedir
        ? `export npm_config_nodedir=${quote(env.npm_config_nodedir)}`
        : 'unset npm_config_nodedir',
    );
  } else console.log(chosen.node);
}
