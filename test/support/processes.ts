import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `kaari-${prefix}-`));

export interface Proc {
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait; SIGKILL with hard=true (crash). */
  stop(hard?: boolean): Promise<void>;
}

/** Starts a TypeScript entry point under tsx and waits until it prints `ready`. */
export function startTs(entry: string, env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A process that dies on its own is a finding: show what it said.
  child.once('exit', (code, signal) => {
    if (!stopping && code !== 0 && ready.test(out))
      process.stderr.write(`\n${entry} exited unexpectedly (${code ?? signal}):\n${out.slice(-4000)}\n`);
  });
  const proc: Proc = {
    child,
    output: () => out,
    async stop(hard = false) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill(hard ? 'SIGKILL' : 'SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not become ready:\n${out}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      out += data.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!ready.test(out)) reject(new Error(`${entry} exited with ${code}:\n${out}`));
    });
  });
}

export interface BackendProc extends Proc {
  url: string;
  port: number;
  dataDir: string;
}

export async function startBackend(
  options: {
    port?: number;
    dataDir?: string;
    databaseUrl?: string;
    tokenSecret?: string;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<BackendProc> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir('backend');
  // An E2E run collects every backend's log in one folder, searched for personal data at its end.
  const logDir = process.env.KAARI_E2E_LOG_DIR;
  // Tests ask for the demo county, and let unenrolled test tools sign in (device enrollment is tested on its own).
  const env: NodeJS.ProcessEnv = {
    PORT: String(port),
    KAARI_BACKEND_DATA: dataDir,
    KAARI_DEMO: '1',
    KAARI_DEVICE_ENROLLMENT: 'optional',
    KAARI_SEED_RESIDENTS: process.env.KAARI_SEED_RESIDENTS ?? '50',
    ...(logDir ? { KAARI_LOG_FILE: join(logDir, `backend-${port}.log`) } : {}),
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.tokenSecret) env.KAARI_TOKEN_SECRET = options.tokenSecret;
  // A fresh backend migrates and seeds (with photos) before it listens: 40 s alone here, more with both cores busy.
  const proc = await startTs('backend/main.ts', env, /listening on/, 150_000);
  return { ...proc, url: `http://127.0.0.1:${port}`, port, dataDir };
}

export interface HostProc extends Proc {
  url: string;
  dataDir: string;
}

export async function startHost(options: {
  backendUrl: string;
  dataDir?: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<HostProc> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir('workstation');
  const token = 'e2e-token';
  const proc = await startTs(
    'main/host/run-browser-host.ts',
    {
      KAARI_BACKEND_URL: options.backendUrl,
      KAARI_HOST_PORT: String(port),
      KAARI_DATA_DIR: dataDir,
      KAARI_HOST_TOKEN: token,
      KAARI_CONNECTION_INTERVAL_MS: '500',
      ...options.env,
    },
    /ready:/,
  );
  return { ...proc, url: `http://127.0.0.1:${port}/#token=${token}`, dataDir };
}
