import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { electronBinary, tryDownloadElectron } from './electron-binary';
import { electronNativeBinding, installedElectronVersion } from './electron-native';

/**
 * `npm start`: the regional backend on its embedded database with synthetic data, and the
 * workstation: in Electron where its binary exists, otherwise in the browser host.
 */
const backendPort = process.env.PORT ?? '5180';
const backendUrl = `http://127.0.0.1:${backendPort}`;
const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`${cmd} ${args.join(' ')} exited with ${code}`);
      stopAll();
      process.exitCode = code;
    }
  });
  return child;
}

async function waitForBackend(timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${backendUrl}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The regional backend did not start at ${backendUrl}`);
}

async function main(): Promise<void> {
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('Build failed');
  run('npx', ['tsx', 'backend/main.ts'], { PORT: backendPort });
  await waitForBackend();

  const electron = electronBinary() ?? (process.env.KAARI_NO_ELECTRON ? null : tryDownloadElectron());
  if (electron) {
    const nativeBinding = electronNativeBinding(installedElectronVersion());
    run(electron, ['.'], { KAARI_BACKEND_URL: backendUrl, KAARI_NATIVE_BINDING: nativeBinding });
    return;
  }
  console.log('Electron is not installed on this machine (its binary could not be downloaded); serving the workstation in the browser host instead.');
  run('npx', ['tsx', 'main/host/run-browser-host.ts'], { KAARI_BACKEND_URL: backendUrl });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll();
  process.exit(1);
});
