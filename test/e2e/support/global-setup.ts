import { execFileSync } from 'node:child_process';

/** The browser host serves the built renderer, so build it once before the suite. */
export default function globalSetup(): void {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
