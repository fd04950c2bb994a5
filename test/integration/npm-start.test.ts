import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, tempDir } from '../support/processes';

/** Live processes below `root` (from /proc), with their command lines; zombies count as gone. */
function descendants(root: number): Map<number, string> {
  const parent = new Map<number, number>();
  const command = new Map<number, string>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      parent.set(Number(name), Number(fields[1]));
      command.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      // ended while being read
    }
  }
  const found = new Map<number, string>();
  let frontier = [root];
  while (frontier.length) {
    frontier = [...parent].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    for (const pid of frontier) found.set(pid, command.get(pid) ?? '');
  }
  return found;
}

const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

interface Started {
  npm: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
  ports: { backend: number; host: number };
}

// `npm start` as a user (or a service manager, or an IDE) runs it: the real script, a small
// synthetic county, the last build's renderer skipped (it is not what is tested here).
async function npmStart(ports?: { backend: number; host: number }): Promise<Started> {
  const use = ports ?? { backend: await freePort(), host: await freePort() };
  const renderer = tempDir('start-renderer');
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Kaari</title>');
  const npm = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: String(use.backend),
      KAARI_HOST_PORT: String(use.host),
      KAARI_BACKEND_DATA: tempDir('start-backend'),
      KAARI_DATA_DIR: tempDir('start-workstation'),
      KAARI_RENDERER_DIR: renderer,
      KAARI_SEED_RESIDENTS: '20',
      KAARI_SKIP_BUILD: '1',
      KAARI_NO_ELECTRON: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  npm.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  return { npm, output: () => out, exit, ports: use };
}

/** Waits for the workstation to be served, noting every process `npm start` started meanwhile. */
async function ready(started: Started): Promise<Map<number, string>> {
  const seen = new Map<number, string>();
  const until = performance.now() + 120_000;
  while (!/Workstation \(browser host\) ready/.test(started.output())) {
    if (performance.now() > until || started.npm.exitCode !== null)
      throw new Error(`npm start did not get ready:\n${started.output()}`);
    for (const [pid, cmd] of descendants(started.npm.pid!)) seen.set(pid, cmd);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const [pid, cmd] of descendants(started.npm.pid!)) seen.set(pid, cmd);
  return seen;
}

async function allGone(pids: Map<number, string>, timeoutMs = 15_000): Promise<string[]> {
  const until = performance.now() + timeoutMs;
  let left = [...pids].filter(([pid]) => alive(pid));
  while (left.length && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = left.filter(([pid]) => alive(pid));
  }
  return left.map(([pid, cmd]) => `${pid} ${cmd}`);
}

describe('npm start', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const clean of cleanup.splice(0)) clean();
  });
  const track = (started: Started) =>
    cleanup.push(() => {
      // Whatever a failed test left behind must not hold ports for the next one.
      for (const pid of descendants(started.npm.pid!).keys()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      started.npm.kill('SIGKILL');
    });

  it('stops everything it started on SIGTERM and leaves its ports free', async () => {
    const started = await npmStart();
    track(started);
    const processes = await ready(started);
    expect([...processes.values()].some((cmd) => cmd.includes('backend/main.ts'))).toBe(true);
    expect([...processes.values()].some((cmd) => cmd.includes('run-browser-host.ts'))).toBe(true);

    started.npm.kill('SIGTERM');
    await started.exit;
    expect(await allGone(processes)).toEqual([]);
    expect(await portFree(started.ports.backend)).toBe(true);
    expect(await portFree(started.ports.host)).toBe(true);
  }, 180_000);

  it('stops the rest when one of its children dies', async () => {
    const started = await npmStart();
    track(started);
    const processes = await ready(started);
    const [backend] = [...processes].find(([, cmd]) => cmd.includes('backend/main.ts')) ?? [];
    process.kill(backend!, 'SIGKILL');
    expect(await started.exit).not.toBe(0);
    expect(started.output()).toMatch(/The regional backend ended \(SIGKILL\); stopping everything else/);
    expect(await allGone(processes)).toEqual([]);
    expect(await portFree(started.ports.host)).toBe(true);
  }, 180_000);

  it('refuses to start, in one line, when its port is taken', async () => {
    const taken: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    cleanup.push(() => taken.close());
    const started = await npmStart({ backend: port, host: await freePort() });
    track(started);
    expect(await started.exit).toBe(1);
    const lines = started
      .output()
      .split('\n')
      .filter((l) => l.includes(String(port)));
    expect(lines).toEqual([
      `Port ${port} for the regional backend is already in use (is Kaari already running?); stop that program or set PORT to a free port.`,
    ]);
    expect(started.output()).not.toMatch(/Starting the regional backend/);
  }, 60_000);
});
