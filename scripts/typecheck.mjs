// One tsc pass per side, each with only its own runtime's types: `window` in shared/ or `Buffer`
// in renderer/ fails here (the VS Code trick from STYLE.md).
import { spawnSync } from 'node:child_process';

const projects = ['shared', 'main', 'preload', 'renderer', 'backend', 'resident-web', 'test'];
let failed = 0;
for (const project of projects) {
  const result = spawnSync('npx', ['tsc', '-p', `${project}/tsconfig.json`], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck failed: ${project}`);
    failed += 1;
  }
}
process.exit(failed ? 1 : 0);
