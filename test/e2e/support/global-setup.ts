import { execFileSync } from 'node:child_process';

/** The browser host serves the built renderer and the backend the resident client: build both once. */
export default function globalSetup(): void {
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
