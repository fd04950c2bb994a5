import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { delimiter, dirname } from 'node:path';
import { electronBinary, tryDownloadElectron } from './electron-binary';
import { electronNativeBinding, installedElectronVersion } from './electron-native';

/**
 * `npm start`: the regional backend on its embedded database with synthetic data, and the
 * workstation: in Electron where its binary exists, otherwise in the browser host.
 *
 * Every child runs in a process group of its own and is stopped by group, so a wrapper (npx,
 * tsx, Electron's helpers) can never leave a backend holding the port: on SIGINT, SIGTERM, and
 * when any one child ends, all of them are stopped and this process exits.
 * Environment: PORT (backend, 5180), KAARI_HOST_PORT (browser host, 5170), KAARI_NO_ELECTRON,
 * KAARI_SKIP_BUILD (use the last build in out/), and what backend/main.ts and
 * main/host/run-browser-host.ts read (data folders, KAARI_SEED_RESIDENTS).
 */
// `npm run build` and the tools it starts run on this same Node (the project's, see ensure-node.mjs).
process.env.PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;
const backendPort = Number(process.env.PORT ?? 5180);
const hostPort = Number(process.env.KAARI_HOST_PORT ?? 5170);
const backendUrl = `http://127.0.0.1:${backendPort}`;
const children = new Set<ChildProcess>();
let stopping: Promise<void> | null = null;

const say = (line: string) => console.log(`[kaari] ${line}`);

const signalGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** SIGTERM to every group; what has not ended after 10 s is killed. Then this process exits. */
function stopAll(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    process.exitCode = exitCode;
    for (const child of children) signalGroup(child, 'SIGTERM');
    const kill = setTimeout(() => {
      for (const child of children) signalGroup(child, 'SIGKILL');
    }, 10_000);
    await Promise.all([...children].map(exited));
    clearTimeout(kill);
    // Helpers of a child may outlive it in its group: the group goes with it.
    for (const child of children) signalGroup(child, 'SIGKILL');
    process.exit(exitCode);
  })();
  return stopping;
}
process.on('SIGINT', () => void stopAll(130));
process.on('SIGTERM', () => void stopAll(143));
process.on('SIGHUP', () => void stopAll(129));

/** Starts a child in its own process group; unless it is a step, its end ends everything. */
function run(what: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, isStep = false): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
  children.add(child);
  child.on('exit', (code, signal) => {
    if (stopping || isStep) return;
    say(`${what} ended (${signal ?? `exit code ${code}`}); stopping everything else.`);
    void stopAll(code === 0 ? 0 : 1);
  });
  return child;
}

/** Runs a step to its end (still stoppable by a signal meanwhile). */
async function step(what: string, cmd: string, args: string[]): Promise<void> {
  const child = run(what, cmd, args, {}, true);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  children.delete(child);
  if (code !== 0) throw new Error(`${what} failed (exit code ${code}).`);
}

const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

async function waitForBackend(backend: ChildProcess, timeoutMs = 600_000): Promise<void> {
  const started = Date.now();
  let told = started;
  while (Date.now() - started < timeoutMs && backend.exitCode === null) {
    try {
      if ((await fetch(`${backendUrl}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    // The first run seeds the synthetic county (minutes on a slow machine): say it is still going.
    if (Date.now() - told > 15_000) {
      told = Date.now();
      say(`still starting the regional backend (${Math.round((told - started) / 1000)} s)…`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The regional backend did not start at ${backendUrl}.`);
}

async function main(): Promise<void> {
  for (const [port, name, variable] of [
    [backendPort, 'regional backend', 'PORT'],
    [hostPort, 'workstation', 'KAARI_HOST_PORT'],
  ] as const) {
    if (!(await portFree(port))) {
      console.error(
        `Port ${port} for the ${name} is already in use (is Kaari already running?); stop that program or set ${variable} to a free port.`,
      );
      process.exit(1);
    }
  }
  if (process.env.KAARI_SKIP_BUILD) say('Using the last build in out/ (KAARI_SKIP_BUILD).');
  else {
    say('Building the workstation and the resident client…');
    await step('The build', 'npm', ['run', 'build']);
  }
  say(`Starting the regional backend at ${backendUrl} (the first run creates the synthetic demo county)…`);
  // The product demo: the synthetic county is seeded because it is asked for here, never by the backend alone.
  const backend = run('The regional backend', process.execPath, ['--import', 'tsx', 'backend/main.ts'], {
    PORT: String(backendPort),
    KAARI_DEMO: '1',
  });
  await waitForBackend(backend);

  const electron = electronBinary() ?? (process.env.KAARI_NO_ELECTRON ? null : tryDownloadElectron());
  if (electron) {
    say('Opening the workstation in Electron…');
    const nativeBinding = electronNativeBinding(installedElectronVersion());
    run('The workstation', electron, ['.'], { KAARI_BACKEND_URL: backendUrl, KAARI_NATIVE_BINDING: nativeBinding });
    return;
  }
  say(
    'Electron is not installed on this machine (its binary could not be downloaded); serving the workstation in the browser host instead.',
  );
  run('The workstation', process.execPath, ['--import', 'tsx', 'main/host/run-browser-host.ts'], {
    KAARI_BACKEND_URL: backendUrl,
    KAARI_HOST_PORT: String(hostPort),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stopAll(1);
});
