import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { policyFromEnv } from '../lifecycle/policy';
import { machinePolicyPath, readMachinePolicy } from '../policy/machine-policy';
import { readCaCertificates, trustExtraCa } from '../policy/trusted-ca';
import { createMainServices } from '../services';
import { confFileFactory } from '../settings/conf-file';
import { startBrowserHost } from './browser-host';

/**
 * Entry point of the browser host process (npm start without Electron, and every E2E test).
 * Configured by environment so tests can start several isolated workstations.
 */
async function main(): Promise<void> {
  // The same machine policy as the desktop app: extra trusted CAs come only from there.
  const { policy: machine, problem } = readMachinePolicy(
    machinePolicyPath({ packaged: false, env: process.env, platform: process.platform }),
  );
  if (problem) console.error(problem);
  trustExtraCa(readCaCertificates(machine.extraCaCertificates));
  const services = createMainServices({
    dataDir: resolve(process.env.KAARI_DATA_DIR ?? '.data/workstation'),
    backendUrl: process.env.KAARI_BACKEND_URL ?? 'http://127.0.0.1:5180',
    host: 'browser',
    version: process.env.npm_package_version ?? '0.1.0',
    settingsFile: confFileFactory,
    connectionIntervalMs: Number(process.env.KAARI_CONNECTION_INTERVAL_MS ?? 5000),
    policy: policyFromEnv(process.env, machine.session),
  });
  const host = await startBrowserHost({
    services,
    rendererDir: resolve(process.env.KAARI_RENDERER_DIR ?? 'out/renderer'),
    port: Number(process.env.KAARI_HOST_PORT ?? 5170),
    token: process.env.KAARI_HOST_TOKEN ?? randomBytes(24).toString('base64url'),
  });
  console.log(`Workstation (browser host) ready: ${host.launchUrl}`);
  const stop = async () => {
    await host.close();
    await services.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A configuration refusal (a remote backend without TLS, a broken CA file) reads as one line.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
