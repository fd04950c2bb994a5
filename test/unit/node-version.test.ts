import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSupportedNode, nodeEnv, pinnedNode } from '../../scripts/ensure-node.mjs';

// `npm test` and `.ci/run` run everything on a supported Node LTS line, also on a machine that
// ships Node 20 (scripts/ensure-node.mjs installs the pinned build there).
describe('the Node that runs the tests', () => {
  it('is a supported LTS line (24 or a newer even major)', () => {
    expect(process.version).toMatch(/^v\d+\./);
    expect(isSupportedNode(process.version)).toBe(true);
  });

  it('is also the `node` every child process finds on the PATH', () => {
    const printed = spawnSync('node', ['--version'], { encoding: 'utf8' }).stdout.trim();
    expect(printed).toBe(process.version);
  });
});

describe('choosing the project Node', () => {
  it('accepts only even majors from 24 on, and pins one of them', () => {
    expect(['v20.20.2', 'v22.12.0', 'v23.11.0', 'v25.1.0'].filter(isSupportedNode)).toEqual([]);
    expect(['v24.11.0', 'v24.22.3', 'v26.0.0'].every(isSupportedNode)).toBe(true);
    expect(isSupportedNode(pinnedNode)).toBe(true);
  });

  it('puts the chosen node first on the PATH and points node-gyp at its own headers', () => {
    const env = nodeEnv(
      { node: '/opt/n24/bin/node', nodedir: '/opt/n24' },
      { PATH: '/usr/bin', npm_config_nodedir: '/usr' },
    );
    expect(env.PATH?.split(delimiter)).toEqual(['/opt/n24/bin', '/usr/bin']);
    expect(env.npm_config_nodedir).toBe('/opt/n24');
    // Headers that do not match (the system Node 20's in /usr) are never used for another Node.
    expect(
      nodeEnv({ node: '/opt/n24/bin/node', nodedir: null }, { PATH: '/usr/bin', npm_config_nodedir: '/usr' })
        .npm_config_nodedir,
    ).toBeUndefined();
  });

  it('is what package.json engines and the README state', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=24.11');
    expect(readFileSync('README.md', 'utf8')).toContain('Node 24');
  });
});
