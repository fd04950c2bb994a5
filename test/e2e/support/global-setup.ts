import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { backendLogDir } from './backend-logs';

/** The browser host serves the built renderer and the backend the resident client: build both once. */
export default function globalSetup(): void {
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  // Each backend of this run logs into one fresh folder; global-teardown.ts searches it.
  rmSync(backendLogDir, { recursive: true, force: true });
  mkdirSync(backendLogDir, { recursive: true });
  process.env.KAARI_E2E_LOG_DIR = backendLogDir;
}
