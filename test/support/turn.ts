import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, tempDir } from './processes';

export interface TurnServer {
  url: string;
  secret: string;
  /** The backend's environment for this relay. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * coturn on 127.0.0.1 on a free port, with a temporary config: the TURN REST API shared secret
 * (use-auth-secret), loopback peers allowed (everything here is on one machine), no TLS. Missing
 * coturn is an error, never a skip: scripts/ensure-system.sh installs it.
 */
export async function startTurn(): Promise<TurnServer> {
  if (spawnSync('sh', ['-c', 'command -v turnserver']).status !== 0) {
    throw new Error(
      'turnserver (Debian package coturn) is not installed: run scripts/ensure-system.sh as root, or apt-get install -y coturn',
    );
  }
  const port = await freePort();
  const dir = tempDir('turn');
  const secret = randomBytes(16).toString('hex');
  const config = [
    `listening-port=${port}`,
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=kaari.test',
    'fingerprint',
    'no-tls',
    'no-dtls',
    'no-cli',
    'allow-loopback-peers',
    'no-multicast-peers',
    'log-file=stdout',
    'simple-log',
    'verbose',
    `pidfile=${join(dir, 'turnserver.pid')}`,
    `userdb=${join(dir, 'turndb')}`,
  ].join('\n');
  const configFile = join(dir, 'turnserver.conf');
  writeFileSync(configFile, `${config}\n`);
  const child = spawn('turnserver', ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`turnserver did not start:\n${out}`)), 15_000);
    const onData = (data: Buffer) => {
      out += data.toString();
      if (/Total General servers|listener opened on/i.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`turnserver exited with ${code}:\n${out}`));
    });
  });
  const url = `turn:127.0.0.1:${port}?transport=udp`;
  return {
    url,
    secret,
    env: { KAARI_TURN_URL: url, KAARI_TURN_SECRET: secret, KAARI_TURN_TTL: '600' },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
